"""Machine-readable outputs: summary.json and the public CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kpicli import __version__
from kpicli.formatting import QUARTILE_BANDS, format_bare, plain_number
from kpicli.models.commentary import NarratedPublic
from kpicli.models.facts import Cell, IndicatorFacts
from kpicli.periods import month_text

PUBLIC_CSV_COLUMNS = (
    "number",
    "indicator",
    "title",
    "section",
    "period",
    "value",
    "numerator",
    "denominator",
    "rating",
    "commentary",
    "notes",
)


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe stops it running as a formula
    (the OWASP advice). Only text cells are changed; figures stay numbers."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_number(value: float, decimals: int) -> str:
    """A number at the precision the paper prints it, without separators or units: a CSV must
    not give 42.8571 (which is 3 of 7) where the paper says 43%."""
    return plain_number(value, decimals).replace(",", "")


def cell_value(cell: Cell, symbol: str, decimals: int | None) -> str:
    """A figure's cell; `decimals` None for a count, whole unless it counts staff in FTE."""
    if cell.withheld:
        return symbol
    if cell.value is None:
        return ""
    if decimals is None:
        return csv_number(cell.value, 2).rstrip("0").rstrip(".")
    return csv_number(cell.value, decimals)


def public_csv(narrated: NarratedPublic) -> str:
    """One row per published indicator: the figures and words of Part 1, nothing more."""
    symbol = narrated.view.context.policy.symbol
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PUBLIC_CSV_COLUMNS)
    for facts in narrated.view.indicators:
        latest = facts.headline.latest
        definition = facts.definition
        places = definition.decimals
        writer.writerow(
            [
                definition.number,
                definition.id,
                spreadsheet_text(definition.title),
                definition.section,
                latest.period.code if latest else "",
                cell_value(latest.value, symbol, places) if latest else "",
                cell_value(latest.numerator, symbol, None) if latest else "",
                cell_value(latest.denominator, symbol, None) if latest else "",
                facts.rag.rating.value,
                spreadsheet_text(" ".join(narrated.commentary[definition.id].sentences)),
                spreadsheet_text(" ".join(narrated.commentary[definition.id].footnotes)),
            ]
        )
    for notice in narrated.view.exempt_notices:
        writer.writerow(
            [
                notice.number,
                "",
                spreadsheet_text(notice.title),
                notice.section,
                "",
                "",
                "",
                "",
                "exempt",
                f"Reported in Part 2 (paragraph {notice.paragraph} of Schedule 12A).",
                "",
            ]
        )
    return buffer.getvalue()


def summary_value(facts: IndicatorFacts, symbol: str) -> str | None:
    latest = facts.headline.latest
    if latest is None:
        return None
    if latest.value.withheld:
        return symbol
    return None if latest.value.value is None else format_bare(latest.value.value, facts.definition)


def indicator_summary(facts: IndicatorFacts, symbol: str, notes: tuple[str, ...] = ()) -> dict[str, Any]:
    latest = facts.headline.latest
    summary: dict[str, Any] = {
        "number": facts.definition.number,
        "id": facts.definition.id,
        "section": facts.definition.section,
        "period": latest.period.code if latest else None,
        "value": summary_value(facts, symbol),
        "rating": facts.rag.rating.value,
        "stale": facts.stale,
    }
    if notes:
        summary["notes"] = list(notes)
    standing = standing_summary(facts)
    if standing is not None:
        summary["rank"] = standing
    return summary


def standing_summary(facts: IndicatorFacts) -> dict[str, Any] | None:
    """Where our figure ranks (1 is the best) and its DfE quartile band, unless withheld."""
    standing = facts.standing
    ranked = standing.ranked if standing else None
    if standing is None or ranked is None:
        return None
    summary: dict[str, Any] = {
        "period": standing.period.code,
        "england": ranked.england,
        "england_of": standing.england_count,
        "quartile_band": QUARTILE_BANDS[ranked.quartile],
    }
    if ranked.region is not None:
        summary |= {
            "region": standing.region,
            "in_region": ranked.region,
            "region_of": standing.region_count,
        }
    return summary


def summary_json(public: NarratedPublic, warnings: list[str], files: list[str]) -> str:
    """Counts and warnings for CI logs, made from the public view alone (summary.json is
    published): `warnings` must be the public ones, never those about withheld or exempt
    figures."""
    symbol = public.view.context.policy.symbol
    ratings: dict[str, int] = {}
    for facts in public.view.indicators:
        ratings[facts.rag.rating.value] = ratings.get(facts.rag.rating.value, 0) + 1
    document = {
        "kpicli_version": __version__,
        "period": month_text(public.view.context.report_month),
        # Every key says what it counts (README, "summary.json"): CI scripts read them.
        "indicators_total": len(public.view.indicators) + len(public.view.exempt_notices),
        "indicators_public": len(public.view.indicators),
        # Exempt as a whole: only a line in Part 1 says they are reported in Part 2.
        "exempt_indicators": len(public.view.exempt_notices),
        # Figures Part 1 withholds in the periods it uses (README); a rating it withholds is counted in public_ratings.
        "suppressed_cells": public.view.suppressed_cells,
        "public_ratings": dict(sorted(ratings.items())),
        # False when nothing is exempt or withheld: then there is no Part 2 paper at all.
        "exempt_paper": "exempt.pdf" in files,
        "public_indicators": [
            indicator_summary(f, symbol, public.commentary[f.definition.id].footnotes)
            for f in public.view.indicators
        ],
        "warnings": warnings,
        "files": files,
    }
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
