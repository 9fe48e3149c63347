"""Stage 3, disclose: the policy turns computed facts into a public view and an exempt view.

The public view withholds small counts, percentages built on them, complements, cells that
would let a withheld one be worked out, differences between variants or year-to-date figures
that are small, and exempt indicators as a whole. The exempt view keeps everything.
"""

from __future__ import annotations

from dataclasses import replace

from kpicli.disclose.figures import Withholder
from kpicli.models.data import Project
from kpicli.models.facts import ComputedReport, IndicatorFacts
from kpicli.models.policy import effective_policy
from kpicli.models.views import SEAL, ExemptNotice, ExemptView, PaperContext, PublicView, Suppression


def paper_context(project: Project, report_month: int) -> PaperContext:
    from kpicli.periods import month_text

    config = project.config
    meeting = config.meeting_for(month_text(report_month))
    return PaperContext(
        authority=config.authority,
        committee=config.committee,
        title=config.title,
        department=config.department,
        contact=config.contact,
        report_month=report_month,
        meeting=meeting,
        previous_meeting=config.meeting_before(meeting),
        sections=tuple(config.sections),
        policy=config.disclosure,
        actions=project.actions,
        papers=project.papers,
        areas=project.areas,
    )


def public_facts(facts: IndicatorFacts, context: PaperContext) -> tuple[IndicatorFacts, list[Suppression]]:
    withholder = Withholder(facts.definition, effective_policy(context.policy, facts.definition))
    public = withholder.protect(facts)
    return public, withholder.decisions


def exempt_notice(facts: IndicatorFacts) -> ExemptNotice:
    exemption = facts.definition.exempt
    assert exemption is not None
    return ExemptNotice(
        facts.definition.number, facts.definition.title, facts.definition.section, exemption.paragraph
    )


def disclose(report: ComputedReport, project: Project) -> tuple[PublicView, ExemptView]:
    context = paper_context(project, report.report_month)
    published: list[IndicatorFacts] = []
    suppressions: list[Suppression] = []
    notices: list[ExemptNotice] = []
    for facts in report.indicators:
        if facts.definition.is_exempt:
            notices.append(exempt_notice(facts))
            suppressions.append(
                Suppression(
                    facts.definition.id,
                    "the whole indicator",
                    f"exempt under paragraph {exempt_notice(facts).paragraph} of Schedule 12A",
                    is_cell=False,
                )
            )
            continue
        public, decisions = public_facts(facts, context)
        published.append(replace(public, explanation=()))
        suppressions += decisions
    paragraphs = tuple(sorted({notice.paragraph for notice in notices}))
    public_view = PublicView(context, tuple(published), tuple(notices), tuple(suppressions), SEAL)
    exempt_view = ExemptView(context, report.indicators, paragraphs, SEAL)
    return public_view, exempt_view


__all__ = ["disclose", "paper_context"]
