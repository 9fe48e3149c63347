"""An indicator's breakdown tables as Part 1 may show them.

A table is shown only beside a published headline figure (its rows add up to it). Year to date,
a table is also compared with the same year's earlier tables, oldest first, as each was
published: a category whose count moved by a small number since it was last published would
give that number away, so the table is not shown.
"""

from __future__ import annotations

from kpicli.compute import breakdown_table
from kpicli.disclose.decisions import Decisions
from kpicli.disclose.tables import TableWithholder
from kpicli.models.data import Project
from kpicli.models.definition import Unit
from kpicli.models.facts import BreakdownTable, IndicatorFacts, SeriesFacts
from kpicli.models.policy import EffectivePolicy, WithholdRule
from kpicli.periods import year_start_month


def protect_breakdowns(
    facts: IndicatorFacts,
    headline: SeriesFacts,
    project: Project,
    policy: EffectivePolicy,
    decisions: Decisions,
) -> tuple[BreakdownTable, ...]:
    if not facts.breakdowns:
        return ()
    tables = TableWithholder(policy, decisions)
    latest = headline.latest
    if latest is None or latest.value.withheld:
        for table in facts.breakdowns:
            tables.drop(table, WithholdRule.DERIVED, "its rows add up to the withheld headline figure")
        return ()
    rules = {rule.dimension: rule for rule in facts.definition.breakdowns}
    moved = moved_categories(facts, headline, project, policy) if facts.definition.cumulative else {}
    protected = [
        tables.protect(table, rules.get(table.dimension), moved.get(table.dimension, ""))
        for table in facts.breakdowns
    ]
    return tuple(table for table in protected if table is not None)


def moved_categories(
    facts: IndicatorFacts, headline: SeriesFacts, project: Project, policy: EffectivePolicy
) -> dict[str, str]:
    """For each dimension of the latest table, a category whose year-to-date count moved by a
    small number since the same year's last published table (or "")."""
    definition = facts.definition
    assert definition.cumulative is not None and headline.latest is not None
    year_kind = definition.cumulative.year_frequency
    now = headline.latest.period
    exact = {figure.period.end: figure.value.value for figure in facts.headline.history}
    shown = {figure.period.end for figure in headline.history if not figure.value.withheld}
    rules = {rule.dimension: rule for rule in definition.breakdowns}
    cells = project.data.breakdowns.get(definition.id, ())
    moved: dict[str, str] = {}
    for dimension in {table.dimension for table in facts.breakdowns}:
        ends = sorted(
            {
                c.period.end
                for c in cells
                if c.dimension == dimension
                and c.period.end <= now.end
                and year_start_month(c.period.end, year_kind) == year_start_month(now.end, year_kind)
            }
        )
        last: dict[str, float] = {}
        # Earlier tables' decisions are the earlier papers'; they are not this paper's to record.
        earlier = TableWithholder(policy, Decisions(definition.id, policy))
        for end in ends:
            rows = [(c.category, c.value) for c in cells if c.dimension == dimension and c.period.end == end]
            period = next(c.period for c in cells if c.period.end == end)
            headline_value = exact.get(end) if definition.unit is Unit.COUNT else None
            table = breakdown_table(dimension, period, rows, headline_value)
            change = next(
                (
                    category
                    for category, cell in table.rows
                    if category in last
                    and cell.value is not None
                    and policy.is_small(abs(cell.value - last[category]))
                ),
                "",
            )
            if end == now.end:
                moved[dimension] = change
                break
            if end not in shown:
                continue
            published = earlier.protect(table, rules.get(dimension), change)
            if published is not None:
                last.update(
                    {
                        c: cell.value
                        for c, cell in published.rows
                        if cell.value is not None and not cell.withheld
                    }
                )
    return moved
