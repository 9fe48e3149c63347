"""Rows of benchmarks.csv: comparators, every local authority, symbols and publication dates.

A row is a comparator the definition names (London, England, Statistical neighbours...), a
region or England under any of DfE's names, or a local authority, named or coded as DfE does
(Bromley, E09000006, 305) or given an `la_code`. Its value may be a symbol for a figure that
is missing for a reason ([c], [x], [z], [u], or LAIT's '-'), or a number flagged provisional
[p], revised [r] or of low reliability [u]. An optional `published` date lets a paper use only
the figures its committee could have seen.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kpicli.load.areas import AreaRegister, reference_areas
from kpicli.load.cells import NUMBER_CHARACTERS, RowError, fail, parse_number, parse_period
from kpicli.load.extracts import RawRow
from kpicli.load.symbols import missing_symbol, split_flags, with_cell
from kpicli.models.areas import Area, AreaKind, AuthorityValue, Unpublished
from kpicli.models.data import BenchmarkValue
from kpicli.models.definition import IndicatorDefinition, Unit

BenchmarkRow = BenchmarkValue | AuthorityValue | Unpublished


def parse_published(row: RawRow) -> dt.date | None:
    text = row.get("published")
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(
            row, "published", f"'{text}' is not a date", "write the publication date as YYYY-MM-DD"
        ) from None


def not_a_comparator(row: RawRow, definition: IndicatorDefinition, area: str) -> RowError:
    named = ", ".join(sorted(definition.comparator_areas)) or "none"
    return fail(
        row,
        "area",
        f"'{area}' is not a comparator of {definition.id}",
        f"its definition names: {named}; add it to comparators",
    )


def check_percentage(row: RawRow, value: float, definition: IndicatorDefinition) -> None:
    """A percentage indicator's comparators are percentages too (unless compared as a rate)."""
    if definition.benchmark_basis is None and definition.unit is Unit.PERCENT and not 0 <= value <= 100:
        raise fail(
            row,
            "value",
            f"{value:g} is not a percentage between 0 and 100",
            "percentages are written 54, not 0.54",
        )


def build_benchmark(row: RawRow, definition: IndicatorDefinition) -> BenchmarkValue:
    area = row.get("area")
    if area not in definition.comparator_areas:
        raise not_a_comparator(row, definition, area)
    period = parse_period(row, definition.comparison_frequency, definition.year_end)
    basis = definition.benchmark_basis
    percent = basis.unit == "percent" if basis is not None else definition.unit is Unit.PERCENT
    value = parse_number(row, "value", required=True, percent=percent)
    assert value is not None
    check_percentage(row, value, definition)
    return BenchmarkValue(definition.id, period, area, value)


@dataclass(frozen=True, slots=True)
class BenchmarkRules:
    """What a benchmarks.csv row is checked against: its definition and the areas kpicli knows."""

    definition: IndicatorDefinition
    comparators: frozenset[str]
    register: AreaRegister
    # The file's header, and where its area, la_code, area_code and value cells are (-1 if it
    # has no such column), for the quick reading of a full row.
    columns: Mapping[str, int] = field(default_factory=dict)
    positions: tuple[int, int, int, int] = (-1, -1, -1, -1)
    # The file has a published column.
    dated: bool = False

    @classmethod
    def of(cls, definition: IndicatorDefinition, columns: Mapping[str, int]) -> BenchmarkRules:
        positions = tuple(columns.get(name, -1) for name in ("area", "la_code", "area_code", "value"))
        assert len(positions) == 4
        return cls(
            definition,
            frozenset(definition.comparator_areas),
            reference_areas(),
            columns,
            positions,
            "published" in columns,
        )

    def comparator_named(self, area: Area) -> str | None:
        """A region or England under the name this definition uses for it, if it uses one."""
        for name in (area.name, area.code, area.gss_code, *area.other_names):
            if name in self.comparators:
                return name
        return None


def identify(row: RawRow, rules: BenchmarkRules) -> tuple[str, Area | None]:
    """How the row names its area: as a comparator (name, None), or as an area kpicli knows."""
    written = row.get("area")
    if written in rules.comparators:
        return written, None
    for column in ("la_code", "area_code"):
        code = row.get(column)
        if code:
            found = rules.register.find(code)
            if found is not None:
                return written, found
    return written, rules.register.find(written)


def unknown_area(row: RawRow, rules: BenchmarkRules) -> Exception:
    written = row.get("area")
    named = ", ".join(sorted(rules.comparators)) or "none"
    close = rules.register.suggest(written)
    hint = f"did you mean '{close}'? " if close else ""
    return fail(
        row,
        "area",
        f"'{written}' is not a comparator of {rules.definition.id}, nor an English region or local authority",
        f"{hint}its definition names: {named}; add it to comparators, or give the authority's la_code",
    )


@functools.lru_cache(maxsize=65536)
def known_area(area: str, la_code: str, area_code: str) -> Area | None:
    """The area of kpicli's reference list a row names, by its la_code, area_code or name. Each
    way of naming an area is read once: a full import names each authority once per indicator
    and period, tens of thousands of times in all."""
    register = reference_areas()
    for text in (la_code, area_code, area):
        found = register.find(text) if text.strip() else None
        if found is not None:
            return found
    return None


def build_benchmark_row(row: RawRow, rules: BenchmarkRules) -> BenchmarkRow:
    definition = rules.definition
    values = row.values
    at_area, at_la, at_code, at_value = rules.positions
    if row.columns is rules.columns and len(values) == len(rules.columns) and at_value >= 0:
        # The quick way for most rows of a full import: an authority's plain figure.
        text = values[at_value]
        area_text = values[at_area] if at_area >= 0 else ""
        if text and not text.strip(NUMBER_CHARACTERS) and area_text not in rules.comparators:
            area = known_area(
                area_text,
                values[at_la] if at_la >= 0 else "",
                values[at_code] if at_code >= 0 else "",
            )
            if area is not None and area.kind is AreaKind.LOCAL_AUTHORITY:
                published = parse_published(row) if rules.dated else None
                return authority_value(row, definition, area, published)
    written, area = identify(row, rules)
    text = row.get("value")
    symbol = missing_symbol(text)
    published = parse_published(row)
    if area is None and written not in rules.comparators and not row.get("la_code"):
        raise unknown_area(row, rules)
    if area is not None and area.kind is not AreaKind.LOCAL_AUTHORITY:
        # A region or England: the comparator's own name if the definition uses one.
        written = rules.comparator_named(area) or area.name
    is_authority = (area is not None and area.kind is AreaKind.LOCAL_AUTHORITY) or (
        area is None and written not in rules.comparators
    )
    if symbol is not None:
        period = parse_period(row, definition.comparison_frequency, definition.year_end)
        name = area.name if area is not None else written
        return Unpublished(definition.id, period, name, symbol, is_authority=is_authority)
    text, flags = split_flags(row.get("value"))
    cleaned = with_cell(row, "value", text)
    if is_authority:
        return authority_value(cleaned, definition, area, published)
    if written not in rules.comparators:
        if not row.get("area_code"):
            # Typed by hand, a region the definition does not name is a mistake to point out.
            raise not_a_comparator(row, definition, written)
        # A region this indicator is not compared with (an import writes them all): kept, unused.
        period = parse_period(row, definition.comparison_frequency, definition.year_end)
        value = parse_number(cleaned, "value", required=True)
        assert value is not None
        return BenchmarkValue(definition.id, period, written, value, published, flags)
    if written != row.get("area"):
        cleaned = with_cell(cleaned, "area", written)
    benchmark = build_benchmark(cleaned, definition)
    return replace(benchmark, published=published, flags=flags) if published or flags else benchmark


def authority_value(
    row: RawRow, definition: IndicatorDefinition, area: Area | None, published: dt.date | None
) -> AuthorityValue:
    period = parse_period(row, definition.comparison_frequency, definition.year_end)
    value = parse_number(row, "value", required=True)
    assert value is not None
    check_percentage(row, value, definition)
    if area is not None:
        return AuthorityValue(definition.id, period, area.code, area.name, area.region, value, published)
    return AuthorityValue(
        definition.id, period, row.get("la_code"), row.get("area"), row.get("region"), value, published
    )


def row_key(item: BenchmarkRow) -> tuple[str, str, int]:
    """One row per area and period, whether it gives a figure or a symbol."""
    if isinstance(item, AuthorityValue):
        return ("authority", item.name, item.period.end)
    if isinstance(item, Unpublished):
        return ("authority" if item.is_authority else "comparator", item.area, item.period.end)
    return ("comparator", item.area, item.period.end)
