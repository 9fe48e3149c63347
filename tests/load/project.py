"""The valid project every broken-input test starts from: two indicators, all five files."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import definition, make_project, monthly, with_actions


def build_base_project(root: Path) -> Path:
    return make_project(
        root,
        definitions=[
            definition(
                "referrals",
                1,
                rag={"kind": "thresholds", "green": 10, "red": 20},
                comparators=["London", "England"],
            ),
            definition(
                "stability",
                2,
                unit="percent",
                polarity="higher_is_better",
                frequency="quarter",
                rag={"kind": "tolerance", "target": 70, "tolerance": 5},
                comparators=["England"],
            ),
        ],
        values=[
            *monthly("referrals", "2019-01", [12, 15, 13, 14, 16, 18, 21, 19]),
            ["stability", "2019-03", None, 60, 90],
            ["stability", "2019-06", None, 64, 90],
        ],
        benchmarks=[
            ["referrals", "2019-03", "London", 12],
            ["referrals", "2019-03", "England", 14],
            ["stability", "2019-03", "England", 68],
        ],
        breakdowns=[
            ["referrals", "2019-08", "Team", "North", 9],
            ["referrals", "2019-08", "Team", "South", 10],
        ],
        narrative={"referrals": with_actions(), "stability": with_actions()},
        actions=[
            {
                "number": "CYP19002/1",
                "raised": "2019-07-09",
                "text": "Report on referral rates.",
                "owner": "Head of Service",
                "due": "2019-11-12",
                "status": "open",
            }
        ],
        papers=[
            {
                "reference": "CYP19002",
                "meeting_date": "2019-07-09",
                "period": "2019-05",
                "title": "Children's Scrutiny Dataset",
            }
        ],
    )
