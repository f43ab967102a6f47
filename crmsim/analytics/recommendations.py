"""Item-to-item collaborative filtering (Empfehlungen) and the next-best-offer.

"Customers who bought this also bought …": two products are similar when the
same customers buy them. With the purchase matrix P (customers × products, 1 if
the customer ever bought the product), the similarity of products i and j is the
cosine of their customer columns,

.. math::

    s_{ij} = \\frac{P_{\\cdot i} \\cdot P_{\\cdot j}}
                  {\\lVert P_{\\cdot i} \\rVert \\, \\lVert P_{\\cdot j} \\rVert},

and a customer's score for a product not yet owned is the sum of its similarities
to the products the customer owns (ties, e.g. for a customer whose products nobody
else bought, are broken by popularity). The best-scoring product is the next-best-offer
(nächstbestes Angebot). The baseline recommends the most popular products the
customer does not own yet; a recommender is worth its upkeep only if it beats it
on purchases it has not seen (hit rate at k).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity

EVALUATION_COLUMNS = ["method", "k", "customers", "hits", "hit_rate"]
"""Columns of :func:`hit_rate_at_k`."""


def purchase_matrix(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Customers × products, True where the customer bought the product at least once.

    Parameters
    ----------
    orders
        ``fact_order`` rows (customer_id, product_id).
    products
        ``dim_product`` (product_id, product_code); every product gets a column.

    Returns
    -------
    pandas.DataFrame
        Boolean matrix indexed by customer_id, one column per product_code.
    """
    codes = products.set_index("product_id")["product_code"]
    bought = pd.crosstab(orders["customer_id"], orders["product_id"].map(codes)) > 0
    bought.columns.name = None
    return bought.reindex(columns=sorted(codes), fill_value=False)


@dataclass(frozen=True)
class ItemSimilarity:
    """Cosine similarity between products, learnt from a purchase matrix.

    Attributes
    ----------
    similarity
        Square DataFrame product × product (diagonal set to 0).
    popularity
        Share of customers who bought each product (0 … 1).
    """

    similarity: pd.DataFrame
    popularity: pd.Series

    def scores(self, owned: pd.DataFrame) -> pd.DataFrame:
        """Score of every product for every customer (owned products get −inf)."""
        values = owned.to_numpy(dtype=float) @ self.similarity.to_numpy()
        values += 1e-9 * self.popularity.to_numpy(dtype=float)  # ties: the more popular first
        values[owned.to_numpy(dtype=bool)] = -np.inf
        return pd.DataFrame(values, index=owned.index, columns=self.similarity.columns)

    def popular_scores(self, owned: pd.DataFrame) -> pd.DataFrame:
        """The baseline: popularity of every product, owned products at −inf."""
        values = np.tile(self.popularity.to_numpy(dtype=float), (len(owned), 1))
        values[owned.to_numpy(dtype=bool)] = -np.inf
        return pd.DataFrame(values, index=owned.index, columns=self.popularity.index)


def fit_item_similarity(matrix: pd.DataFrame) -> ItemSimilarity:
    """Learn product-to-product cosine similarities (scikit-learn) from a purchase matrix.

    Examples
    --------
    >>> m = pd.DataFrame({"laptop": [1, 1, 0], "mouse": [1, 1, 0], "tv": [0, 0, 1]}).astype(bool)
    >>> model = fit_item_similarity(m)
    >>> similar = model.similarity.loc["laptop"]
    >>> round(float(similar["mouse"]), 3), float(similar["tv"])
    (1.0, 0.0)
    """
    vectors = matrix.to_numpy(dtype=float).T
    similarity = cosine_similarity(vectors)
    np.fill_diagonal(similarity, 0.0)
    table = pd.DataFrame(similarity, index=matrix.columns, columns=matrix.columns)
    return ItemSimilarity(table, matrix.mean(axis=0).astype(float))


def next_best_offers(model: ItemSimilarity, owned: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The top-k products per customer, best first.

    Parameters
    ----------
    model
        Fitted :class:`ItemSimilarity`.
    owned
        Purchase matrix rows of the customers to advise (same columns as the model).
    k
        Number of offers per customer.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``rank`` (1 = next-best-offer), ``product_code``, ``score``.
    """
    scores = model.scores(owned)
    rows = []
    for customer_id, row in scores.iterrows():
        best = row.sort_values(ascending=False, kind="stable").head(k)
        for rank, (code, score) in enumerate(best.items(), start=1):
            rows.append((customer_id, rank, code, float(score)))
    return pd.DataFrame(rows, columns=["customer_id", "rank", "product_code", "score"])


def _hits(scores: pd.DataFrame, relevant: pd.DataFrame, k: int) -> int:
    values = scores.to_numpy()
    top = np.argsort(-values, axis=1, kind="stable")[:, :k]
    wanted = relevant.to_numpy(dtype=bool)
    return int(np.take_along_axis(wanted, top, axis=1).any(axis=1).sum())


def hit_rate_at_k(
    orders: pd.DataFrame,
    products: pd.DataFrame,
    cutoff: dt.date,
    ks: tuple[int, ...] = (1, 3, 5),
) -> pd.DataFrame:
    """Hold-out evaluation: learn before ``cutoff``, check the new products bought after.

    A test customer bought before the cutoff and then bought at least one product
    they did not own yet. A recommendation list of k products is a hit when it
    contains one of those new products.

    Parameters
    ----------
    orders
        ``fact_order`` (customer_id, product_id, order_ts).
    products
        ``dim_product``.
    cutoff
        First day of the hold-out period.
    ks
        List lengths to evaluate.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVALUATION_COLUMNS`, one row per method
        (``item-to-item``, ``popularity``) and k.
    """
    moment = pd.Timestamp(cutoff)
    before = orders[orders["order_ts"] < moment]
    after = orders[orders["order_ts"] >= moment]
    train = purchase_matrix(before, products)
    later = purchase_matrix(after, products).reindex(index=train.index, fill_value=False)
    new = later & ~train
    test = new.index[new.any(axis=1)]
    model = fit_item_similarity(train)
    owned, relevant = train.loc[test], new.loc[test]
    rows = []
    for method, scores in (
        ("item-to-item", model.scores(owned)),
        ("popularity", model.popular_scores(owned)),
    ):
        for k in ks:
            hits = _hits(scores, relevant, k)
            rows.append((method, k, len(test), hits, hits / max(len(test), 1)))
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
