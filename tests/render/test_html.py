"""The Jinja environment: project templates override defaults by name; text is escaped; the
RAG colours keep their words readable."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from kpicli.render.html import environment, render_html
from kpicli.template_paths import default_templates_folder, template_folders


def test_a_project_template_overrides_the_default_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "paper.html.j2").write_text(
        "Our own paper for {{ committee }}", encoding="utf-8"
    )
    folders = template_folders(tmp_path)
    assert (
        folders[0] == (tmp_path / "templates").resolve()
        and folders[-1] == default_templates_folder().resolve()
    )
    assert render_html({"committee": "Scrutiny"}, folders) == "Our own paper for Scrutiny"


def test_without_a_project_folder_only_the_defaults_are_searched(tmp_path: Path) -> None:
    assert template_folders(tmp_path) == (default_templates_folder().resolve(),)


def test_values_are_escaped_and_never_evaluated_as_templates() -> None:
    template = environment(template_folders(None)).from_string("<p>{{ text }}</p>")
    rendered = template.render(text='<img src="http://example.com/x.png"> {{ 7*7 }}')
    assert rendered == "<p>&lt;img src=&#34;http://example.com/x.png&#34;&gt; {{ 7*7 }}</p>"


def test_a_missing_value_is_an_error_not_a_blank() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment(template_folders(None)).from_string("{{ nothing }}").render()


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def expand(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


def test_every_rag_badge_has_text_contrast_of_at_least_4_5_to_1() -> None:
    css = (default_templates_folder() / "paper.css").read_text(encoding="utf-8")
    rules = re.findall(
        r"\.rag-([a-z_]+)[^{]*\{\s*background:\s*(#[0-9a-fA-F]{3,6});\s*color:\s*(#[0-9a-fA-F]{3,6});",
        css,
    )
    assert {name for name, _, _ in rules} >= {"red", "amber", "green"}
    for name, background, text in rules:
        assert contrast(expand(background), expand(text)) >= 4.5, name


def test_every_rag_badge_shows_its_rating_as_a_word() -> None:
    macro = environment(template_folders(None)).get_template("rag.html.j2").module.badge  # type: ignore[attr-defined]
    assert ">Amber</span>" in str(macro("amber", "Amber"))


def action(update: str) -> dict[str, str]:
    return {
        "number": "CEF19001/1",
        "raised": "22 January 2019",
        "text": "Report the audit findings",
        "owner": "Head of Service",
        "due": "12 November 2019",
        "status": "Open",
        "update": update,
        "completed": "",
    }


@pytest.mark.parametrize("update", ["Audit reported in October.", ""])
def test_the_action_log_shows_the_officers_update_not_a_python_method(update: str) -> None:
    # `a.update` on a dict finds dict.update first: the template must index by key.
    template = environment(template_folders(None)).get_template("action_log.html.j2")
    empty: list[dict[str, str]] = []
    html = template.render(
        actions={"due": [action(update)], "overdue": empty, "completed": empty, "open": empty}
    )
    assert "built-in method" not in html
    assert (update or "No update given.") in html
