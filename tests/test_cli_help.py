"""Every command explains itself: help text in `kpicli --help`, and a line in the README."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from kpicli.cli import app
from tests.conftest import REPO_ROOT


def commands(command: Any, typed: str = "kpicli") -> Iterator[tuple[str, Any]]:
    """Every command the user can run, as typed ('kpicli import dfe'), subcommands included."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield typed, command
        return
    for name, subcommand in sorted(subcommands.items()):
        yield from commands(subcommand, f"{typed} {name}")


def test_every_command_and_option_has_help_text_and_the_readme_gives_each_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    found = list(commands(typer.main.get_command(app)))
    assert len(found) >= 7
    for typed, command in found:
        assert (command.help or "").strip(), f"{typed} has no help text"
        assert f"`{typed}" in readme, f"the README's Commands section does not describe `{typed}`"
        for parameter in command.params:
            assert (getattr(parameter, "help", None) or "").strip(), f"{typed} {parameter.name} has no help"
