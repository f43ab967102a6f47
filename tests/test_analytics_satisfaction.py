"""NPS, CSAT top-2-box, intervals, CSAT against service and the IAO gaps, on small cases."""

from __future__ import annotations

import doctest
import math

import pandas as pd
import pytest

from crmsim.analytics import estimates, nps, satisfaction
from crmsim.analytics.estimates import mean_estimate, share_estimate
from crmsim.analytics.nps import csat_top2_box, net_promoter_score, survey_summary
from crmsim.analytics.satisfaction import csat_by_service, self_assessment_gaps


@pytest.mark.parametrize("module", [estimates, nps, satisfaction])
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0
    assert failures == 0


def test_nps_of_ten_answers_by_hand() -> None:
    # 5 promoters (9, 10), 3 passives (7, 8), 2 detractors (0..6): NPS = 50 % - 20 % = 30.
    result = net_promoter_score([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    assert result.nps == pytest.approx(30.0)
    assert (result.promoters, result.passives, result.detractors) == pytest.approx((0.5, 0.3, 0.2))
    # Score per answer +1/0/-1: variance 0.5 + 0.2 - 0.3² = 0.61; half-width 1.96·√(0.061).
    half = 1.959964 * math.sqrt(0.61 / 10) * 100
    assert result.low == pytest.approx(30 - half, abs=0.01)
    assert result.high == pytest.approx(30 + half, abs=0.01)


def test_nps_extremes_and_bad_answers() -> None:
    assert net_promoter_score([10] * 20).nps == 100.0
    assert net_promoter_score([0, 6]).nps == -100.0
    assert net_promoter_score([]).n == 0
    with pytest.raises(ValueError, match="NPS answers must be whole numbers from 0 to 10, got 11"):
        net_promoter_score([5, 11])


def test_csat_top2_box_and_wilson_interval() -> None:
    top = csat_top2_box([5, 4, 3, 2])
    assert top.value == 0.5 and top.n == 4
    assert 0 < top.low < 0.5 < top.high < 1
    with pytest.raises(ValueError, match="CSAT answers must be whole numbers from 1 to 5, got 0"):
        csat_top2_box([0, 5])
    # Wilson interval of 0 of 10 starts at 0 and is not degenerate.
    none = share_estimate(0, 10)
    assert none.low == 0.0 and none.high == pytest.approx(0.2775, abs=1e-4)


def test_mean_estimate_needs_two_values_for_an_interval() -> None:
    assert math.isnan(mean_estimate([3.0]).low)
    assert mean_estimate([1.0, 3.0, float("nan")]).value == 2.0
    with pytest.raises(ValueError, match="confidence"):
        share_estimate(1, 2, confidence=1.5)


def test_survey_summary_per_year() -> None:
    surveys = pd.DataFrame(
        {
            "survey_type": ["nps", "nps", "csat", "csat", "nps"],
            "score": [10, 0, 5, 2, 9],
            "response_ts": pd.to_datetime(
                ["2024-03-01", "2024-04-01", "2024-05-01", "2025-01-01", "2025-02-01"]
            ),
        }
    )
    table = survey_summary(surveys)
    assert table[["survey", "year", "value", "n"]].values.tolist() == [
        ["csat", 2024, 1.0, 1],
        ["csat", 2025, 0.0, 1],
        ["nps", 2024, 0.0, 2],
        ["nps", 2025, 100.0, 1],
    ]
    overall = survey_summary(surveys, by=None).set_index("survey")
    assert overall.loc["nps", "value"] == pytest.approx(100 / 3)


def _tiny_service_tables() -> dict[str, pd.DataFrame]:
    contacts = pd.DataFrame(
        {
            "interaction_id": [1, 2, 3, 4, 5],
            "channel_id": [1, 1, 1, 2, 3],
            "reason": ["billing"] * 5,
            "wait_min": [0.0, 0.2, 6.0, 3.0, 300.0],
            "resolved": [True, True, False, True, False],
        }
    )
    surveys = pd.DataFrame(
        {
            "survey_type": ["csat"] * 5 + ["nps"],
            "score": [5, 4, 1, 3, 1, 9],
            "interaction_id": pd.array([1, 2, 3, 4, 5, None], dtype="Int64"),
        }
    )
    channels = pd.DataFrame({"channel_id": [1, 2, 3], "channel_code": ["phone", "chat", "email"]})
    return {"fact_interaction": contacts, "fact_survey_response": surveys, "dim_channel": channels}


def test_csat_by_wait_band_and_resolution() -> None:
    tables = _tiny_service_tables()
    by_wait = csat_by_service(tables).set_index("group")
    assert by_wait["answers"].tolist() == [2, 0, 1, 1]  # the email answer is left out
    assert by_wait.loc["0 to under 0.5 min", "top2"] == 1.0
    assert by_wait.loc["5 min and more", "mean_csat"] == 1.0
    by_resolution = csat_by_service(tables, by="resolved").set_index("group")
    assert by_resolution.loc["resolved", "mean_csat"] == pytest.approx(4.0)
    assert by_resolution.loc["not resolved", "top2"] == 0.0
    with pytest.raises(ValueError, match='"by" must be "wait" or "resolved"'):
        csat_by_service(tables, by="agent")


def test_iao_gaps_match_the_lecture() -> None:
    gaps = self_assessment_gaps()
    assert len(gaps) == 5
    assert gaps.iloc[0]["dimension"] == "quality of customer processes"
    assert gaps.iloc[-1]["gap_pp"] == 1.0  # product quality 88 % against 89 %
    assert (gaps["self_pct"] > gaps["customers_pct"]).all()
