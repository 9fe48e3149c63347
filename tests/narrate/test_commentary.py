"""The commentary as a member reads it: two to four joined-up sentences per indicator, the
officer's words winning where they say the same, the periods agreeing with the headline, and
no stock phrase repeated down the paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO_ROOT, definition, make_project, monthly
from kpicli.compute import compute_report
from kpicli.disclose import disclose
from kpicli.load import load_project
from kpicli.load.narrative import read_period_narrative
from kpicli.models.commentary import NarratedExempt, NarratedPublic
from kpicli.models.facts import Rating
from kpicli.narrate import narrate_exempt, narrate_public
from kpicli.periods import parse_month
from tests.narrate.test_sentences import check_golden

PERIOD = "2019-08"


@pytest.fixture(scope="module")
def sample() -> tuple[NarratedPublic, NarratedExempt]:
    project = load_project(REPO_ROOT)
    public_view, exempt_view = disclose(compute_report(project, parse_month(PERIOD)), project)
    officer = read_period_narrative(REPO_ROOT, PERIOD)
    folder = f"narrative/{PERIOD}"
    return (
        narrate_public(public_view, officer, folder, REPO_ROOT),
        narrate_exempt(exempt_view, officer, folder, REPO_ROOT),
    )


def test_two_to_four_sentences_each(sample: tuple[NarratedPublic, NarratedExempt]) -> None:
    for narrated in sample:
        for facts in narrated.view.indicators:
            item = narrated.commentary[facts.definition.id]
            assert 1 <= len(item.sentences) <= 4, (facts.definition.id, item.sentences)
            if facts.rag.rating in (Rating.RED, Rating.AMBER, Rating.GREEN):
                told = len(item.sentences) + bool(item.officer.context_text)
                assert told >= 2, (facts.definition.id, item.sentences)
            for sentence in item.sentences:
                assert sentence.count(". ") <= 1 or "That is" in sentence, sentence


def test_the_text_names_the_period_as_the_headline_does(
    sample: tuple[NarratedPublic, NarratedExempt],
) -> None:
    for narrated in sample:
        for facts in narrated.view.indicators:
            item = narrated.commentary[facts.definition.id]
            latest = facts.headline.latest
            if latest is None or item.officer_first or facts.definition.cumulative is not None:
                continue
            assert latest.period.label in item.sentences[0], (latest.period.label, item.sentences[0])
            assert "as at the end of June 2019" not in " ".join(item.sentences)


def test_no_stock_phrase_runs_down_the_paper(sample: tuple[NarratedPublic, NarratedExempt]) -> None:
    text = " ".join(" ".join(item.sentences) for item in sample[0].commentary.values())
    for phrase in ("the latest published", "It is rated", "consecutive", "in a row", "which suggests"):
        assert len(re.findall(phrase, text)) <= 8, phrase
    assert "so that the withheld figure cannot be inferred" not in text


def test_the_red_and_amber_commentary_reads_as_the_officer_would_write_it(
    sample: tuple[NarratedPublic, NarratedExempt],
) -> None:
    public = sample[0]
    lines = []
    below = [f for f in public.view.indicators if f.rag.rating in (Rating.RED, Rating.AMBER)]
    for facts in sorted(below, key=lambda f: (f.rag.rating is not Rating.RED, f.definition.number)):
        item = public.commentary[facts.definition.id]
        officer = [f"[officer] {line}" for line in item.officer.context_text.splitlines() if line.strip()]
        lines += [f"## {facts.definition.number}. {facts.definition.title}"]
        lines += [*officer, *item.sentences] if item.officer_first else [*item.sentences, *officer]
        lines.append("")
    check_golden("sample_below_expectation", "\n".join(lines))


def officer_project(root: Path, context: str) -> Path:
    return make_project(
        root,
        definitions=[
            definition(
                "stability",
                1,
                unit="percent",
                polarity="higher_is_better",
                comparators=["London", "England"],
                rag={"kind": "tolerance", "target": 70, "tolerance": 5},
                # Given without counts, which Part 1 shows only when published elsewhere.
                disclosure={"published_elsewhere": {"source": "DfE, a national statistics release"}},
            )
        ],
        values=monthly("stability", "2019-03", [70, 66, 64, 62, 60, 58]),
        benchmarks=[["stability", "2019-03", "London", 75], ["stability", "2019-03", "England", 76]],
        narrative={"stability": context},
    )


@pytest.mark.parametrize(
    ("context", "left_out", "kept"),
    [
        ("Stability fell to 58% in August.", ["was 58%"], ["fallen", "below both"]),
        ("It has fallen five months running.", ["fallen"], ["was 58%", "below both"]),
        ("We remain below London and England.", ["below both"], ["was 58%", "fallen"]),
        ("Placements are reviewed monthly; 5 children moved.", [], ["was 58%", "fallen", "below both"]),
    ],
)
def test_the_officer_text_wins_where_it_says_the_same(
    tmp_path: Path, context: str, left_out: list[str], kept: list[str]
) -> None:
    root = officer_project(tmp_path, context)
    project = load_project(root)
    public_view, _ = disclose(compute_report(project, parse_month(PERIOD)), project)
    item = narrate_public(public_view, read_period_narrative(root, PERIOD), "narrative", root).commentary[
        "stability"
    ]
    text = " ".join(item.sentences)
    for words in left_out:
        assert words not in text, text
    for words in kept:
        assert words in text, text
    assert item.officer_first is ("58%" in context)
    assert "target of 70%" in text, "the rating is always given"
