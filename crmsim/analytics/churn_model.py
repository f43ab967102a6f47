"""Churn models (Abwanderungsanalyse) with scikit-learn, and how to judge them.

Two models are fitted on the same training customers: a logistic regression
on standardised features (its coefficients read as effects) and a random
forest for comparison. They are judged on held-out customers by the AUC (the
chance that a random churner gets a higher score than a random stayer, with a
bootstrap interval) and by the gains table: sort customers by score, cut them
into deciles, and see which share of all churners each decile catches. The
lift of a decile is its churn rate divided by the overall churn rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.analytics.churn_data import FEATURE_MEANINGS
from crmsim.errors import InputError


class AucInterval(NamedTuple):
    """AUC with a percentile bootstrap interval (all from 0 to 1)."""

    auc: float
    low: float
    high: float


@dataclass(frozen=True)
class ChurnModels:
    """The fitted models and their scores on the held-out customers.

    Attributes
    ----------
    logistic, forest
        Fitted scikit-learn estimators (a pipeline with scaling, a random forest).
    test
        Held-out customers: ``churned`` (0/1), ``logistic_score``, ``forest_score``
        (predicted churn probabilities), indexed by customer.
    auc
        ``{"logistic": AucInterval, "forest": AucInterval}`` on the held-out customers.
    features
        The feature names in model order.
    """

    logistic: object
    forest: object
    test: pd.DataFrame
    auc: dict[str, AucInterval]
    features: list[str]

    def scores(self, features: pd.DataFrame, model: str = "logistic") -> pd.Series:
        """Churn probability per customer from ``model`` ("logistic" or "forest")."""
        estimator = {"logistic": self.logistic, "forest": self.forest}[model]
        values = estimator.predict_proba(features[self.features])[:, 1]  # type: ignore[attr-defined]
        return pd.Series(values, index=features.index, name=f"{model}_score")


def auc_with_interval(
    churned: pd.Series | np.ndarray, score: pd.Series | np.ndarray, resamples: int = 1000,
    seed: int = 0, level: float = 0.95,
) -> AucInterval:  # fmt: skip
    """AUC with a bootstrap percentile interval over resampled customers.

    Examples
    --------
    >>> auc_with_interval(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])).auc
    1.0
    """
    y = np.asarray(churned).astype(int)
    s = np.asarray(score, dtype=float)
    if len(set(y.tolist())) != 2:
        raise InputError("the AUC needs both churners and stayers among the customers")
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(y), (resamples, len(y)))
    values = _auc_rows(y[picks], s[picks])
    values = values[np.isfinite(values)]
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(values, [tail, 100.0 - tail])
    return AucInterval(float(_auc_rows(y[None, :], s[None, :])[0]), float(low), float(high))


def _auc_rows(y: np.ndarray, s: np.ndarray) -> np.ndarray:
    """AUC of every row (Mann-Whitney: mean rank of the churners, ties counted half)."""
    from scipy.stats import rankdata

    ranks = rankdata(s, axis=1)
    positives = y.sum(axis=1)
    negatives = y.shape[1] - positives
    with np.errstate(invalid="ignore", divide="ignore"):
        u = (ranks * y).sum(axis=1) - positives * (positives + 1) / 2.0
        return np.asarray(u / (positives * negatives), dtype=float)


def fit_churn_models(
    features: pd.DataFrame, labels: pd.Series, seed: int = 0, test_share: float = 0.3
) -> ChurnModels:
    """Fit logistic regression and a random forest; score the held-out customers.

    Parameters
    ----------
    features
        :func:`~crmsim.analytics.churn_data.churn_features` (indexed by customer).
    labels
        0/1 churn labels on the same index.
    seed
        Seed of the split, the forest and the bootstrap.
    test_share
        Share of customers held out (stratified by label).

    Returns
    -------
    ChurnModels
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    names = list(features.columns)
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels.reindex(features.index), test_size=test_share, random_state=seed,
        stratify=labels.reindex(features.index),
    )  # fmt: skip
    logistic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    logistic.fit(x_train, y_train)
    forest = RandomForestClassifier(
        n_estimators=100, min_samples_leaf=10, random_state=seed, n_jobs=1
    )
    forest.fit(x_train, y_train)
    test = pd.DataFrame(
        {
            "churned": y_test,
            "logistic_score": logistic.predict_proba(x_test)[:, 1],
            "forest_score": forest.predict_proba(x_test)[:, 1],
        },
        index=x_test.index,
    )
    auc = {
        model: auc_with_interval(test["churned"], test[f"{model}_score"], seed=seed)
        for model in ("logistic", "forest")
    }
    return ChurnModels(logistic, forest, test, auc, names)


def gains_table(churned: pd.Series, score: pd.Series, groups: int = 10) -> pd.DataFrame:
    """Gains and lift by score group (decile by default), highest scores first.

    Parameters
    ----------
    churned
        0/1 labels.
    score
        Churn scores on the same index (higher = more likely to churn).
    groups
        Number of equal-sized groups.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group`` (1 = highest scores), ``customers``,
        ``churners``, ``churn_rate``, ``lift`` (churn rate ÷ overall rate),
        ``customer_share`` and ``captured_share`` (cumulative shares of customers
        and of all churners up to this group).

    Examples
    --------
    >>> y = pd.Series([1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    >>> s = pd.Series([.9, .8, .7, .6, .5, .4, .3, .2, .1, .0])
    >>> gains_table(y, s, groups=5)["lift"].tolist()
    [5.0, 0.0, 0.0, 0.0, 0.0]
    """
    order = np.argsort(-np.asarray(score, dtype=float), kind="stable")
    y = np.asarray(churned)[order]
    group = np.arange(len(y)) * groups // len(y) + 1
    table = (
        pd.DataFrame({"group": group, "churned": y})
        .groupby("group")["churned"]
        .agg(customers="size", churners="sum")
    )
    overall = y.mean()
    table["churn_rate"] = table["churners"] / table["customers"]
    table["lift"] = table["churn_rate"] / overall
    table["customer_share"] = table["customers"].cumsum() / len(y)
    table["captured_share"] = table["churners"].cumsum() / max(y.sum(), 1)
    return table.reset_index()


def top_decile_lift(churned: pd.Series, score: pd.Series) -> float:
    """Churn rate among the 10 % highest scores ÷ the overall churn rate."""
    return float(gains_table(churned, score, 10)["lift"].iloc[0])


def effects_in_words(models: ChurnModels) -> list[str]:
    """The logistic regression's effects as sentences, strongest first.

    Each coefficient belongs to a standardised feature, so exp(coefficient) is
    the factor on the odds of churning when the feature is one standard
    deviation higher, the other features held fixed.
    """
    pipeline = models.logistic
    scaler, regression = pipeline[0], pipeline[-1]  # type: ignore[index]
    coefficients = regression.coef_[0]
    rows = sorted(
        zip(models.features, coefficients, scaler.scale_, strict=True),
        key=lambda item: -abs(item[1]),
    )
    sentences = []
    for name, coefficient, spread in rows:
        factor = float(np.exp(coefficient))
        direction = "raises" if factor > 1 else "lowers"
        sentences.append(
            f"{name} ({FEATURE_MEANINGS.get(name, name)}): one standard deviation more "
            f"(+{spread:.3g}) {direction} the odds of churning by the factor {factor:.2f}"
        )
    return sentences
