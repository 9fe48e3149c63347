"""The series checks gather an indicator's benchmarks only when its figures are suspect."""

from __future__ import annotations

import pytest

from conftest import definition
from kpicli.load.plausible import is_suspect
from kpicli.models.data import Observation
from kpicli.models.definition import IndicatorDefinition
from kpicli.periods import Frequency, Period


@pytest.mark.parametrize(
    ("unit", "values", "suspect"),
    [
        ("percent", [0.8, 0.86], True),
        ("percent", [0.8, 86], False),
        ("percent", [0, 0], False),
        ("days", [12, -3], True),
        ("days", [12, 3], False),
        ("count", [12, -3], False),  # refused row by row
    ],
)
def test_only_a_fraction_for_a_percentage_or_a_negative_figure_is_suspect(
    unit: str, values: list[float], suspect: bool
) -> None:
    indicator = IndicatorDefinition.model_validate(definition("an-indicator", 1, unit=unit))
    period = Period.parse("2019-08", Frequency.MONTH)
    observations = [Observation(indicator.id, period, value) for value in values]
    assert is_suspect(indicator, observations) is suspect
