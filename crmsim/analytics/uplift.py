"""Uplift modelling: whom does a campaign *change*? Two models and the Qini curve.

A response model ranks customers by how likely they are to buy when contacted.
That also ranks highly the "sure things", who buy anyway, and can even rank the
"sleeping dogs", whom a contact annoys into leaving. An uplift model ranks by the
*difference* the contact makes:

.. math::

    u(x) = P(\\text{buy} \\mid x, \\text{contacted}) - P(\\text{buy} \\mid x, \\text{not contacted})

The two-model approach (T-learner) fits one classifier on the contacted group and
one on the control group and subtracts their predictions. The four customer types
follow from the two potential outcomes: persuadables (buy only if contacted), sure
things (buy either way), lost causes (never buy) and sleeping dogs (buy only if
*not* contacted).

The Qini curve checks a ranking on data the model has not seen: target the top
share φ by predicted uplift and count the incremental buyers,

.. math::

    g(\\varphi) = R_T(\\varphi) - R_C(\\varphi)\\,\\frac{N_T(\\varphi)}{N_C(\\varphi)}

(buyers R and group sizes N among the targeted, T contacted, C control). Random
targeting gives the straight line from 0 to g(1); the Qini coefficient is the area
between the curve and that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin, clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

QINI_COLUMNS = ["share_targeted", "incremental_buyers", "random_targeting"]
"""Columns of :func:`qini_curve`."""

CUSTOMER_TYPES = ("persuadable", "sure thing", "lost cause", "sleeping dog")


def _base_model(kind: str, seed: int) -> ClassifierMixin:
    if kind == "logistic":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    if kind == "forest":
        return RandomForestClassifier(
            n_estimators=200, min_samples_leaf=20, random_state=seed, n_jobs=1
        )
    raise ValueError(f'"kind" must be "logistic" or "forest", got {kind!r}')


@dataclass(frozen=True)
class TwoModelUplift:
    """A fitted two-model (T-learner) uplift model.

    Attributes
    ----------
    treated_model, control_model
        scikit-learn classifiers of P(buy | x) in the contacted and in the control group.
    features
        Names of the feature columns, in order.
    """

    treated_model: ClassifierMixin
    control_model: ClassifierMixin
    features: tuple[str, ...]

    def predict(self, customers: pd.DataFrame) -> np.ndarray:
        """Predicted uplift per customer (share points, −1 … 1)."""
        x = customers[list(self.features)].to_numpy(dtype=float)
        treated = self.treated_model.predict_proba(x)[:, 1]
        control = self.control_model.predict_proba(x)[:, 1]
        return np.asarray(treated - control)


def fit_two_model_uplift(
    customers: pd.DataFrame,
    features: list[str],
    treated: str = "treated",
    outcome: str = "bought",
    kind: Literal["logistic", "forest"] = "logistic",
    seed: int = 0,
) -> TwoModelUplift:
    """Fit the two-model uplift approach with scikit-learn.

    Parameters
    ----------
    customers
        One row per customer of an earlier campaign with its features, whether it
        was contacted (``treated``, bool) and whether it bought (``outcome``, bool).
    features
        Feature columns, known before the campaign (no later information).
    treated, outcome
        Names of the treatment and outcome columns.
    kind
        ``"logistic"`` (scaled logistic regression) or ``"forest"`` (random forest).
    seed
        Seed of the forest.

    Returns
    -------
    TwoModelUplift
        The two fitted classifiers; ``predict`` gives the uplift.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = rng.uniform(size=4000)
    >>> contacted = rng.uniform(size=4000) < 0.5
    >>> bought = rng.uniform(size=4000) < 0.1 + 0.4 * x * contacted
    >>> data = pd.DataFrame({"x": x, "treated": contacted, "bought": bought})
    >>> model = fit_two_model_uplift(data, ["x"])
    >>> high, low = model.predict(pd.DataFrame({"x": [0.9, 0.1]}))
    >>> bool(high > low)
    True
    """
    missing = [c for c in [*features, treated, outcome] if c not in customers.columns]
    if missing:
        raise ValueError(f"columns missing from the customer table: {', '.join(missing)}")
    is_treated = customers[treated].astype(bool).to_numpy()
    y = customers[outcome].astype(bool).to_numpy()
    x = customers[features].to_numpy(dtype=float)
    for group, name in ((is_treated, "contacted"), (~is_treated, "control")):
        if len(np.unique(y[group])) < 2:
            raise ValueError(f"the {name} group needs buyers and non-buyers to fit a model")
    base = _base_model(kind, seed)
    treated_model = clone(base).fit(x[is_treated], y[is_treated])
    control_model = clone(base).fit(x[~is_treated], y[~is_treated])
    return TwoModelUplift(treated_model, control_model, tuple(features))


def qini_curve(
    uplift_score: np.ndarray, treated: np.ndarray, bought: np.ndarray, points: int = 101
) -> pd.DataFrame:
    """The Qini curve of a ranking: incremental buyers when targeting the top share.

    Parameters
    ----------
    uplift_score
        Predicted uplift per person (higher: target first).
    treated
        Whether the person was contacted (bool), from a randomised campaign.
    bought
        Whether the person bought in the window (bool).
    points
        Number of shares from 0 to 1 at which the curve is evaluated.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QINI_COLUMNS`: ``share_targeted`` (0 … 1),
        ``incremental_buyers`` g(φ) (persons) and ``random_targeting`` φ · g(1).

    Examples
    --------
    >>> score = np.array([4, 3, 2, 1])
    >>> qini_curve(score, np.array([1, 0, 1, 0], bool), np.array([1, 0, 0, 1], bool), 3)
       share_targeted  incremental_buyers  random_targeting
    0             0.0                 0.0               0.0
    1             0.5                 1.0               0.0
    2             1.0                 0.0               0.0
    """
    order = np.argsort(-np.asarray(uplift_score, dtype=float), kind="stable")
    t = np.asarray(treated, dtype=bool)[order]
    y = np.asarray(bought, dtype=bool)[order]
    n_t, n_c = np.cumsum(t), np.cumsum(~t)
    r_t, r_c = np.cumsum(y & t), np.cumsum(y & ~t)
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = np.where(n_c > 0, r_t - r_c * n_t / np.maximum(n_c, 1), r_t)
    gain = np.concatenate(([0.0], gain.astype(float)))
    shares = np.linspace(0.0, 1.0, points)
    index = np.round(shares * len(t)).astype(int)
    curve = gain[index]
    return pd.DataFrame(
        {
            "share_targeted": shares,
            "incremental_buyers": curve,
            "random_targeting": shares * gain[-1],
        }
    )


def qini_coefficient(curve: pd.DataFrame) -> float:
    """Area between a Qini curve and random targeting (persons × share targeted).

    Positive: the ranking finds incremental buyers earlier than chance; zero: no
    better than random; negative: it targets the sleeping dogs first.

    Examples
    --------
    >>> curve = pd.DataFrame({"share_targeted": [0, 0.5, 1.0],
    ...                       "incremental_buyers": [0, 8, 10], "random_targeting": [0, 5, 10]})
    >>> qini_coefficient(curve)
    1.5
    """
    gap = (curve["incremental_buyers"] - curve["random_targeting"]).to_numpy(dtype=float)
    x = curve["share_targeted"].to_numpy(dtype=float)
    return float(np.sum((gap[1:] + gap[:-1]) / 2 * np.diff(x)))


def customer_type(bought_if_contacted: np.ndarray, bought_if_not: np.ndarray) -> np.ndarray:
    """The four customer types from the two potential outcomes.

    Parameters
    ----------
    bought_if_contacted, bought_if_not
        Whether each customer buys with and without the contact (bool). Only a
        simulation knows both; in real data one of the two is never seen.

    Returns
    -------
    numpy.ndarray
        One of :data:`CUSTOMER_TYPES` per customer.

    Examples
    --------
    >>> customer_type(np.array([1, 1, 0, 0], bool), np.array([0, 1, 0, 1], bool)).tolist()
    ['persuadable', 'sure thing', 'lost cause', 'sleeping dog']
    """
    yes = np.asarray(bought_if_contacted, dtype=bool)
    no = np.asarray(bought_if_not, dtype=bool)
    return np.select(
        [yes & ~no, yes & no, ~yes & ~no], list(CUSTOMER_TYPES[:3]), default=CUSTOMER_TYPES[3]
    )
