"""The GSS and DfE symbols an extract may give instead of a figure, or after one."""

from __future__ import annotations

import re

from kpicli.load.extracts import RawRow
from kpicli.models.areas import Symbol

# A cell that is only a symbol: [c], c, [x], x, [z], z, [u], u, low; LAIT writes '-'.
MISSING = {
    "c": Symbol.SUPPRESSED,
    "x": Symbol.NOT_AVAILABLE,
    "-": Symbol.NOT_AVAILABLE,
    "..": Symbol.NOT_AVAILABLE,
    "z": Symbol.NOT_APPLICABLE,
    "u": Symbol.LOW_RELIABILITY,
    "low": Symbol.LOW_RELIABILITY,
}
# Flags after a number: '54.2 [p]', '54.2[r]', '12 [u]'.
FLAGS = re.compile(r"\s*\[([pru])\]\s*$", re.IGNORECASE)


def missing_symbol(text: str) -> Symbol | None:
    """The symbol a whole cell stands for, or None if the cell is not one."""
    plain = text.strip().lower()
    if plain.startswith("[") and plain.endswith("]"):
        plain = plain[1:-1].strip()
    return MISSING.get(plain)


def split_flags(text: str) -> tuple[str, tuple[Symbol, ...]]:
    """'54.2 [p] [r]' -> ('54.2', (PROVISIONAL, REVISED))."""
    flags: list[Symbol] = []
    while match := FLAGS.search(text):
        flags.insert(0, Symbol(match.group(1).lower()))
        text = text[: match.start()]
    return text.strip(), tuple(flags)


def with_cell(row: RawRow, column: str, text: str) -> RawRow:
    values = list(row.values)
    at = row.columns[column]
    values += [""] * (at + 1 - len(values))  # a short row stops before its last columns
    values[at] = text
    return row._replace(values=values)
