"""Golden files for what a person reads: regenerate with `pytest --update-golden` and review
the diff as you would an officer's draft."""

from __future__ import annotations

from pathlib import Path

# Set from pytest's --update-golden option by tests/conftest.py.
UPDATE = False


def check_golden(path: Path, text: str) -> None:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"regenerate with pytest --update-golden and review {path}"
    )
