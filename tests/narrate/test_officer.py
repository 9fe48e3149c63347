"""Officer-written Markdown comes out as inert text, with 'Action being taken' as its own part."""

from __future__ import annotations

from kpicli.narrate.officer import split_officer_text

HOSTILE = """\
Context first. <script>alert('x')</script>

![chart](http://evil.example/track.png) <img src=http://evil.example/p.png>

[passwords](file:///etc/passwd) and {{ config.items() }} {% include 'x' %}

## Action being taken

A review reports in November. <b>bold</b>
"""


def test_hostile_markdown_is_inert() -> None:
    officer = split_officer_text(HOSTILE)
    both = officer.context_html + officer.action_html
    assert "<script" not in both and "&lt;script&gt;" in both
    assert "<img" not in both
    assert 'href="file:' not in both
    assert "<b>" not in both
    assert "{{ config.items() }}" in both and "{% include 'x' %}" in both


def test_action_being_taken_is_its_own_part() -> None:
    officer = split_officer_text(HOSTILE)
    assert "review reports in November" in officer.action_html
    assert "review reports" not in officer.context_html
    assert "Context first" in officer.context_html


def test_text_without_an_action_heading_is_all_context() -> None:
    officer = split_officer_text("Demand rose sharply.")
    assert officer.action_html == "" and "Demand rose sharply." in officer.context_html
