"""The rate KPIs on numpy columns agree with pandas, and the interval table with the summary."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import interval_table, kpi_summary
from crmsim.analytics.contact_rates import contact_columns, mean_of
from crmsim.scenario import load_scenario
from crmsim.sim import simulate

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
RATES = ["service_level", "asa_s", "p_wait", "abandon_rate", "aht_min"]


@pytest.fixture(scope="module")
def cic_day():
    return simulate(load_scenario(SCENARIOS / "multichannel-cic.yaml"), seed=5, days=1)


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 130, 1001])
@pytest.mark.parametrize("missing_share", [0.0, 0.3, 1.0])
def test_mean_of_is_the_pandas_mean_to_the_last_bit(size: int, missing_share: float) -> None:
    rng = np.random.default_rng(size)
    values = rng.lognormal(0.0, 2.0, size)
    values[rng.random(size) < missing_share] = np.nan
    expected = pd.Series(values).mean()
    if np.isnan(expected):
        assert np.isnan(mean_of(values))
    else:
        assert mean_of(values) == expected


def test_columns_flag_the_outcomes(cic_day) -> None:
    contacts = cic_day.contacts
    columns = contact_columns(contacts)
    assert columns.abandoned.sum() == (contacts["outcome"] == "abandoned").sum()
    assert (~columns.live).sum() == (contacts["outcome"] == "blocked").sum()
    assert columns.answered.sum() == (contacts["agent_id"] >= 0).sum()
    assert len(columns.take(slice(3, 10)).wait_min) == 7


def test_every_interval_row_equals_the_summary_of_its_own_contacts(cic_day) -> None:
    result = cic_day
    targets = result.channel_targets()
    table = interval_table(result.contacts, result.duty, targets, result.horizon_min, 60.0)
    assert len(table) > 20
    for row in table.itertuples(index=False):
        start = row.interval_start_min
        arrived = result.contacts["arrival_min"]
        own = result.contacts[(arrived >= start) & (arrived < start + 60.0)]
        summary = kpi_summary(own, result.duty, targets, result.horizon_min)
        expected = summary.loc[row.channel]
        assert row.offered == expected["offered"]
        assert row.abandoned == expected["abandoned"]
        for rate in RATES:
            got, want = getattr(row, rate), expected[rate]
            assert (np.isnan(got) and np.isnan(want)) or got == want, (row.channel, start, rate)
