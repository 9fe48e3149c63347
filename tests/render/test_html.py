"""The Jinja environment: project templates override defaults by name; text is escaped; a
RAG badge always has its word. (Colours and contrast: test_colour.py.)"""

from __future__ import annotations

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
