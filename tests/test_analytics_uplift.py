"""Uplift modelling: the two-model approach finds persuadables, the Qini curve measures it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics.uplift import (
    customer_type,
    fit_two_model_uplift,
    qini_coefficient,
    qini_curve,
)


def _campaign(n: int, seed: int) -> pd.DataFrame:
    """A randomised campaign whose true uplift rises with x and is negative below x = 1/3."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=n)
    noise = rng.normal(size=n)  # a feature without effect
    contacted = rng.uniform(size=n) < 0.5
    p_control = 0.15 + 0.1 * x
    true_uplift = 0.3 * x - 0.1
    bought = rng.uniform(size=n) < p_control + true_uplift * contacted
    return pd.DataFrame(
        {"x": x, "noise": noise, "treated": contacted, "bought": bought, "uplift": true_uplift}
    )


@pytest.mark.parametrize("kind", ["logistic", "forest"])
def test_the_two_model_ranking_beats_random_targeting_on_new_customers(kind):
    train, test = _campaign(8000, 1), _campaign(8000, 2)
    model = fit_two_model_uplift(train, ["x", "noise"], kind=kind, seed=3)
    predicted = model.predict(test)
    # the forest is noisier than the (here correctly specified) logistic model
    assert np.corrcoef(predicted, test["uplift"])[0, 1] > (0.9 if kind == "logistic" else 0.6)
    curve = qini_curve(predicted, test["treated"].to_numpy(), test["bought"].to_numpy())
    assert qini_coefficient(curve) > 50  # clearly above the random line
    reverse = qini_curve(-predicted, test["treated"].to_numpy(), test["bought"].to_numpy())
    assert qini_coefficient(reverse) < 0  # worst first: sleeping dogs targeted first
    # the best share to target stops before everybody: the bottom third are sleeping dogs
    best = curve.loc[curve["incremental_buyers"].idxmax(), "share_targeted"]
    assert 0.5 < best < 0.85


def test_a_response_model_is_not_an_uplift_model():
    # Sure things buy anyway: ranking by P(buy | contacted) alone targets them first.
    rng = np.random.default_rng(5)
    n = 6000
    sure = rng.uniform(size=n) < 0.3
    contacted = rng.uniform(size=n) < 0.5
    persuaded = ~sure & contacted & (rng.uniform(size=n) < 0.2)
    bought = (sure & (rng.uniform(size=n) < 0.9)) | persuaded
    response_score = sure.astype(float)  # what a response model learns: sure things buy most
    curve = qini_curve(response_score, contacted, bought)
    assert qini_coefficient(curve) < 0


def test_qini_curve_by_hand():
    curve = qini_curve(
        np.array([4, 3, 2, 1]), np.array([1, 0, 1, 0], bool), np.array([1, 0, 0, 1], bool), 5
    )
    assert curve["share_targeted"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert curve["incremental_buyers"].tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
    assert curve["random_targeting"].tolist() == [0.0] * 5
    assert qini_coefficient(curve) == pytest.approx(0.125 + 0.25 + 0.25 + 0.125)


def test_the_four_types():
    kinds = customer_type(np.array([1, 1, 0, 0], bool), np.array([0, 1, 0, 1], bool))
    assert kinds.tolist() == ["persuadable", "sure thing", "lost cause", "sleeping dog"]


def test_bad_input_is_named():
    data = _campaign(200, 1)
    with pytest.raises(ValueError, match="columns missing.*age"):
        fit_two_model_uplift(data, ["age"])
    with pytest.raises(ValueError, match='"kind" must be'):
        fit_two_model_uplift(data, ["x"], kind="svm")  # type: ignore[arg-type]
    nobody = data.assign(bought=False)
    with pytest.raises(ValueError, match="buyers and non-buyers"):
        fit_two_model_uplift(nobody, ["x"])
