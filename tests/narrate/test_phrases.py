"""The small phrases the commentary is built from."""

from __future__ import annotations

import pytest

from kpicli.narrate.phrases import period_words
from kpicli.periods import Frequency, Period


@pytest.mark.parametrize(
    ("end", "frequency", "expected"),
    [
        ("2019-08", Frequency.ACADEMIC_YEAR, "2018/19"),
        ("2019-03", Frequency.FINANCIAL_YEAR, "2018/19"),
        ("2018-12", Frequency.CALENDAR_YEAR, "2018"),
        ("2019-08", Frequency.MONTH, "August 2019"),
        ("2019-06", Frequency.QUARTER, "April to June 2019"),
        ("2019-08", Frequency.ROLLING_12_MONTHS, "the 12 months to August 2019"),
        ("2019-03", Frequency.ANNUAL, "31 March 2019"),
    ],
)
def test_a_period_is_named_after_for_or_in_as_members_say_it(
    end: str, frequency: Frequency, expected: str
) -> None:
    assert period_words(Period.parse(end, frequency)) == expected
