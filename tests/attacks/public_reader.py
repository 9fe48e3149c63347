"""A determined reader's view of the public outputs: only what `public.html`, `public.csv`,
`summary.json` (and, where a test says so, `public.pdf`) show, read back as text and numbers.

Papers are prepared without their PDFs (the pipeline's cheap part gives the same HTML, CSV and
JSON a build writes); one test reads a real public.pdf to show the PDF says no more than the HTML.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kpicli.load import load_project
from kpicli.manifest import Manifest
from kpicli.models.data import Project
from kpicli.periods import month_text, parse_month
from kpicli.pipeline import PreparedPaper, prepare_paper

SVG_DATA = "data:image/svg+xml;base64,"
SYMBOL = "[c]"


class TextReader(HTMLParser):
    """Every piece of text a reader (or a screen reader) gets from the HTML: text, alt and title
    attributes, and the text inside embedded SVG charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skipping += 1
        for name, value in attrs:
            if value is None:
                continue
            if name in ("alt", "title", "aria-label"):
                self.parts.append(value)
            if name == "src" and value.startswith(SVG_DATA):
                svg = base64.b64decode(value[len(SVG_DATA) :]).decode("utf-8")
                self.parts.append(re.sub(r"<[^>]+>", " ", svg))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    reader = TextReader()
    reader.feed(html)
    return re.sub(r"\s+", " ", " ".join(reader.parts))


@dataclass(frozen=True)
class PublicPaper:
    """One report period's public outputs, as a reader holds them."""

    period: str
    html: str
    text: str
    csv: str
    rows: dict[str, dict[str, str]]
    summary: dict[str, Any]
    summary_text: str

    @property
    def everything(self) -> str:
        return " ".join((self.text, self.csv, self.summary_text))


def read_public(paper: PreparedPaper) -> PublicPaper:
    lines = [str(warning) for warning in paper.warnings]
    summary_text = paper.summary(lines)
    rows = {row["indicator"] or row["title"]: row for row in csv.DictReader(io.StringIO(paper.public_csv))}
    return PublicPaper(
        paper.period,
        paper.html["public"],
        html_text(paper.html["public"]),
        paper.public_csv,
        rows,
        json.loads(summary_text),
        summary_text,
    )


def prepare(project: Project, period: str) -> PreparedPaper:
    return prepare_paper(project, period, Manifest(period, "", "", {}))


NO_ACTION = "---\nno_action_reason: An attack project, with nothing being done about any figure.\n---\n"


def with_reasons(root: Path, periods: list[str]) -> Path:
    """A copy of the project in which each period gives the same reason for no action on every
    indicator without narrative of its own: a public build refuses an amber or red indicator
    with neither, and twins must differ only in their figures."""
    copy = root.parent / f".{root.name}-with-reasons"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy)
    for period in periods:
        folder = copy / "narrative" / period
        folder.mkdir(parents=True, exist_ok=True)
        for definition in (copy / "indicator_defs").glob("*.yaml"):
            path = folder / f"{definition.stem}.md"
            if not path.exists():
                path.write_text(NO_ACTION, encoding="utf-8")
    return copy


def public_papers(root: Path, periods: list[str]) -> dict[str, PublicPaper]:
    """The public outputs of every period given, from one load of the project."""
    project = load_project(with_reasons(root, periods))
    return {period: read_public(prepare(project, period)) for period in periods}


def months_between(first: str, last: str) -> list[str]:
    return [month_text(month) for month in range(parse_month(first), parse_month(last) + 1)]


def occurrences(text: str, number: float) -> list[str]:
    """Where `number` is printed as a number of its own (1193, 1,193 or 99.8), with context."""
    spellings = sorted({str(int(number)), f"{int(number):,}"}) if number == int(number) else [f"{number:.1f}"]
    found = []
    for spelling in spellings:
        pattern = rf"(?<![\d.,£-]){re.escape(spelling)}(?![\d]|[.,]\d)"
        found += [text[max(0, m.start() - 50) : m.end() + 50] for m in re.finditer(pattern, text)]
    return found
