"""Churn: no feature sees the future or the hidden truth; AUC, gains and lift by hand."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmsim.analytics import churn_model
from crmsim.analytics.churn_data import FEATURE_SOURCES, churn_labels
from crmsim.errors import InputError
from crmsim.warehouse import read_tables

# the package re-exports the function churn_features, which hides the module of that name
churn_features = importlib.import_module("crmsim.analytics.churn_data")
ROOT = Path(__file__).resolve().parents[1]
CUTOFF = pd.Timestamp("2025-01-01")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_tables(ROOT / "data")


def test_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for module in (churn_features, churn_model):
        failures, tried = doctest.testmod(module, verbose=False)
        assert tried > 0
        assert failures == 0


def test_no_feature_uses_the_future_or_the_truth(tables) -> None:
    """Scramble everything after the cut-off and every hidden table: the features stay equal."""
    honest = churn_features.churn_features(tables, CUTOFF)
    rng = np.random.default_rng(0)
    tampered = dict(tables)
    for name, column in FEATURE_SOURCES.items():
        frame = tables[name].copy()
        later = frame[column] >= CUTOFF
        for other in frame.columns:
            if other not in (column, "customer_id") and frame[other].dtype.kind in "fi":
                frame.loc[later, other] = rng.permutation(frame.loc[later, other].to_numpy())
        # future rows moved to customers who had none, and extra future rows added
        frame.loc[later, "customer_id"] = rng.permutation(frame.loc[later, "customer_id"])
        tampered[name] = pd.concat([frame, frame[later]], ignore_index=True)
    for name in ("truth_customer", "fact_customer_month"):
        tampered[name] = tables[name].iloc[0:0]
    changed = churn_features.churn_features(tampered, CUTOFF)
    pd.testing.assert_frame_equal(honest, changed)
    truth_columns = set(tables["truth_customer"].columns) - {"customer_id"}
    assert not truth_columns & set(honest.columns)
    assert not any(column.startswith("truth") for column in honest.columns)


def test_features_and_labels_by_hand(tables) -> None:
    features = churn_features.churn_features(tables, CUTOFF)
    orders = tables["fact_order"]
    customer = int(features.index[0])
    mine = orders[(orders["customer_id"] == customer) & (orders["order_ts"] < CUTOFF)]
    assert features.loc[customer, "orders"] == mine["order_id"].nunique()
    assert features.loc[customer, "days_since_last_order"] == (CUTOFF - mine["order_ts"].max()).days
    labels = churn_labels(tables, features.index, CUTOFF, 6)
    truth = tables["truth_customer"].set_index("customer_id").reindex(features.index)
    gone = truth["churn_date"].notna() & (truth["churn_date"] < pd.Timestamp("2025-07-01"))
    won_back = truth["won_back_date"].notna()
    agree = (labels == gone.astype(int)) | won_back
    assert agree.mean() > 0.99
    with pytest.raises(InputError, match="first day of a month"):
        churn_labels(tables, features.index, "2025-01-15", 6)
    with pytest.raises(InputError, match="ends after the data"):
        churn_labels(tables, features.index, CUTOFF, 24)


def test_auc_by_hand_and_interval() -> None:
    # 2 churners, 2 stayers; pairs (churner > stayer): 3 of 4
    result = churn_model.auc_with_interval(np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.3, 0.1]))
    assert result.auc == pytest.approx(0.75)
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 400)
    noisy = churn_model.auc_with_interval(y, y + rng.normal(0, 1.0, 400), seed=2)
    assert noisy.low < noisy.auc < noisy.high
    with pytest.raises(InputError, match="both churners and stayers"):
        churn_model.auc_with_interval(np.array([1, 1]), np.array([0.2, 0.3]))


def test_gains_table_by_hand() -> None:
    y = pd.Series([1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    score = pd.Series(np.linspace(1, 0, 10))
    table = churn_model.gains_table(y, score, groups=5)
    assert table["churners"].tolist() == [1, 1, 0, 0, 0]
    assert table["captured_share"].tolist() == [0.5, 1.0, 1.0, 1.0, 1.0]
    assert churn_model.top_decile_lift(y, score) == pytest.approx(5.0)


def test_models_beat_chance_on_the_warehouse(tables) -> None:
    features = churn_features.churn_features(tables, CUTOFF)
    labels = churn_labels(tables, features.index, CUTOFF, 6)
    models = churn_model.fit_churn_models(features, labels, seed=1)
    assert models.auc["logistic"].low > 0.6
    assert churn_model.top_decile_lift(models.test["churned"], models.test["logistic_score"]) > 1.5
    sentences = churn_model.effects_in_words(models)
    assert len(sentences) == len(features.columns)
    assert all("odds of churning by the factor" in sentence for sentence in sentences)
    scores = models.scores(features)
    assert scores.between(0, 1).all() and len(scores) == len(features)
