"""Rows of breakdowns.csv: the detail members scrutinise (by team, age band, ethnicity)."""

from __future__ import annotations

from kpicli.load.cells import fail, parse_number, parse_period
from kpicli.load.extracts import RawRow
from kpicli.models.data import BreakdownCell
from kpicli.models.definition import IndicatorDefinition


def build_breakdown(row: RawRow, definition: IndicatorDefinition) -> BreakdownCell:
    period = parse_period(row, definition.frequency)
    for column in ("dimension", "category"):
        if not row.get(column):
            raise fail(row, column, "is empty", "name the breakdown and the category")
    value = parse_number(row, "value", required=True)
    assert value is not None
    if value < 0:
        raise fail(row, "value", f"{value:g} is negative", "breakdown counts cannot be below zero")
    return BreakdownCell(definition.id, period, row.get("dimension"), row.get("category"), value, row.line)
