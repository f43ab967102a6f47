"""Arrivals form a Poisson process with the planned, time-varying rate.

The rate changes by interval (intraday profile, weekday factor, campaign
spike); inside an interval it is constant. So the counts per interval must be
independent Poisson variables with the means of
:func:`crmsim.sim.interval_rates`. Checked over many simulated days:

* goodness of fit: Pearson's χ² of counts against expected means;
* index of dispersion (Dispersionsindex): for intervals with the same mean,
  variance ÷ mean ≈ 1, tested with its χ² distribution;
* inside an interval arrival times are uniform, under a flat rate the gaps
  between arrivals are exponential (Kolmogorov–Smirnov tests).

Bounds are two-sided χ² quantiles at level 0.001 each side, seeds are fixed.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from crmsim.scenario import scenario_from_dict
from crmsim.sim import SimulationResult, interval_rates, simulate

ALPHA = 0.001
DAYS = 56
INTERVAL_MIN = 30

PROFILE_CENTER = {
    "name": "weekday and intraday pattern with a campaign",
    "days": DAYS,
    "interval_min": INTERVAL_MIN,
    "start_weekday": "wed",
    "channels": {
        "phone": {
            "daily_volume": 240,
            "intraday_profile": "business_day",
            "weekday_factors": {"mon": 1.3, "sat": 0.5, "sun": 0.2},
            "aht_min": 2,
        },
        "chat": {"daily_volume": 60, "intraday_profile": "consumer_evening", "aht_min": 2},
    },
    "agents": [{"name": "desk", "count": 12}],
    "campaign_spikes": [{"channel": "phone", "day": 9, "start_h": 10, "end_h": 13, "factor": 3}],
}


def chi_square_bounds(degrees_of_freedom: int) -> tuple[float, float]:
    """Central (1 − 2·ALPHA) range of the χ² distribution."""
    return (
        float(stats.chi2.ppf(ALPHA, degrees_of_freedom)),
        float(stats.chi2.ppf(1 - ALPHA, degrees_of_freedom)),
    )


@cache
def run() -> SimulationResult:
    return simulate(scenario_from_dict(PROFILE_CENTER), seed=2024)


def counts_and_expected(channel: str) -> pd.DataFrame:
    """Planned intervals of ``channel`` with the count of new contacts that arrived in each."""
    result = run()
    rates = interval_rates(result.scenario.channels[channel], result.scenario, result.horizon_min)
    arrivals = result.contacts.loc[result.contacts["channel"] == channel, "arrival_min"]
    slot = (arrivals.to_numpy() // INTERVAL_MIN).astype(int)
    rates["count"] = np.bincount(slot, minlength=len(rates))[: len(rates)]
    assert slot.max() < len(rates)
    return rates


@pytest.mark.parametrize("channel", ["phone", "chat"])
def test_counts_fit_the_expected_means(channel: str) -> None:
    table = counts_and_expected(channel)
    assert len(table) == DAYS * 1440 // INTERVAL_MIN
    closed = table["expected"] == 0
    assert closed.any() == (channel == "phone")  # business_day has closed night hours
    assert (table.loc[closed, "count"] == 0).all()
    used = table[~closed]
    pearson = float((((used["count"] - used["expected"]) ** 2) / used["expected"]).sum())
    low, high = chi_square_bounds(len(used))
    assert low < pearson < high
    total, expected = used["count"].sum(), used["expected"].sum()
    assert abs(total - expected) <= 3.5 * np.sqrt(expected)


def test_expected_means_follow_profile_weekday_and_campaign() -> None:
    """interval_rates: day totals are volume × weekday factor (× spike), rate = expected / hours."""
    table = counts_and_expected("phone")
    days = table.groupby("day").agg(expected=("expected", "sum"), weekday=("weekday", "first"))
    factors = {0: 1.3, 5: 0.5, 6: 0.2}
    assert days.loc[0, "weekday"] == 2  # the run starts on a Wednesday
    for day, row in days.iterrows():
        shares = np.asarray(run().scenario.channels["phone"].intraday_profile)
        extra = 2.0 * shares[20:26].sum() if day == 9 else 0.0  # 10:00–13:00 tripled
        expected_total = 240 * factors.get(int(row["weekday"]), 1.0) * (1.0 + extra)
        assert row["expected"] == pytest.approx(expected_total, rel=1e-9)
    assert np.allclose(table["rate_per_hour"], table["expected"] * 60 / INTERVAL_MIN)
    spike = table[(table["day"] == 9) & table["start_min"].between(9 * 1440 + 600, 9 * 1440 + 779)]
    same_weekday = table[
        (table["day"] == 16) & table["start_min"].between(16 * 1440 + 600, 16 * 1440 + 779)
    ]
    assert np.allclose(spike["expected"].to_numpy(), 3 * same_weekday["expected"].to_numpy())


def test_index_of_dispersion_is_one() -> None:
    """Across Tuesdays–Fridays (weekday factor 1) each interval of the day has one mean;
    Σ (N − N̄)² / N̄ over the days is χ² with (days − 1) degrees of freedom per interval."""
    table = counts_and_expected("phone")
    plain = table[table["weekday"].isin([1, 2, 3, 4]) & (table["day"] != 9)]
    plain = plain.assign(slot=(plain["start_min"] % 1440 // INTERVAL_MIN).astype(int))
    statistic, freedom, ratios = 0.0, 0, []
    for _, group in plain[plain["expected"] > 0].groupby("slot"):
        counts = group["count"].to_numpy()
        assert np.ptp(group["expected"].to_numpy()) < 1e-9
        statistic += float(((counts - counts.mean()) ** 2).sum() / counts.mean())
        freedom += counts.size - 1
        ratios.append(counts.var(ddof=1) / counts.mean())
    low, high = chi_square_bounds(freedom)
    assert low < statistic < high
    assert 0.8 < np.mean(ratios) < 1.2
    # A process twice as bursty (counts doubled) fails the same test.
    doubled = 0.0
    for _, group in plain[plain["expected"] > 0].groupby("slot"):
        counts = 2 * group["count"].to_numpy()
        doubled += float(((counts - counts.mean()) ** 2).sum() / counts.mean())
    assert doubled > high


def test_arrival_times_are_uniform_inside_intervals() -> None:
    arrivals = run().contacts.loc[lambda c: c["channel"] == "phone", "arrival_min"].to_numpy()
    position = (arrivals % INTERVAL_MIN) / INTERVAL_MIN
    assert stats.kstest(position, "uniform").pvalue > ALPHA
    assert np.all(np.diff(np.sort(arrivals)) >= 0)


def test_gaps_are_exponential_under_a_flat_rate() -> None:
    """A homogeneous Poisson stream of 300 calls an hour: gaps exponential with mean 0.2 min."""
    scenario = scenario_from_dict(
        {
            "name": "flat",
            "channels": {"phone": {"daily_volume": 7200, "aht_min": 1}},
            "agents": [{"count": 12}],
        }
    )
    arrivals = simulate(scenario, seed=8, days=1).contacts["arrival_min"].to_numpy()
    gaps = np.diff(np.sort(arrivals))
    assert stats.kstest(gaps, "expon", args=(0, 0.2)).pvalue > ALPHA
    # Seen from an interval boundary, the time to the next arrival and the time since the
    # last one are exponential too (memorylessness): nothing special happens at the edges.
    ordered = np.sort(arrivals)
    boundaries = np.arange(15.0, 1440.0, 15.0)
    after = np.searchsorted(ordered, boundaries)
    assert stats.kstest(ordered[after] - boundaries, "expon", args=(0, 0.2)).pvalue > ALPHA
    assert stats.kstest(boundaries - ordered[after - 1], "expon", args=(0, 0.2)).pvalue > ALPHA
    # Exponential with the wrong mean is rejected.
    assert stats.kstest(gaps, "expon", args=(0, 0.25)).pvalue < ALPHA


def test_a_horizon_inside_an_interval_keeps_the_rate() -> None:
    """A run that stops 10 minutes into its second interval gets a third of that interval's
    arrivals, all before the end: the rate per hour stays the same."""
    scenario = scenario_from_dict(
        {
            "name": "cut",
            "interval_min": 30,
            "channels": {"phone": {"daily_volume": 4800, "aht_min": 0.1}},
            "agents": [{"count": 5}],
        }
    )
    horizon = 40.0
    rates = interval_rates(scenario.channels["phone"], scenario, horizon)
    assert rates["expected"].tolist() == pytest.approx([100.0, 100.0 / 3])
    assert rates["rate_per_hour"].tolist() == pytest.approx([200.0, 200.0])
    replications = 200
    first, last, late_times = [], [], []
    for seed in np.random.SeedSequence(77).spawn(replications):
        arrivals = simulate(scenario, seed=seed, horizon_min=horizon).contacts["arrival_min"]
        assert arrivals.max() < horizon
        first.append(int((arrivals < 30.0).sum()))
        last.append(int((arrivals >= 30.0).sum()))
        late_times.extend(arrivals[arrivals >= 30.0].tolist())
    for counts, mean in ((first, 100.0), (last, 100.0 / 3)):
        assert abs(np.mean(counts) - mean) <= 3.5 * np.sqrt(mean / replications)
    # Spread evenly over the ten minutes left.
    assert stats.kstest(late_times, "uniform", args=(30.0, 10.0)).pvalue > ALPHA
