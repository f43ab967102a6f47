"""Share of wallet (Anteil am Kundenbudget) and tier moves: the measures of one-to-one marketing.

One-to-one marketing aims to raise the share of a customer's spending that goes
to the company over a long relationship, rather than to win ever more customers.
The share of wallet of customer *i* over a period is

.. math::

    \\mathrm{SoW}_i = \\frac{\\text{revenue}_i}{\\text{wallet}_i \\cdot \\text{years}_i},

the revenue with the company divided by what the customer spends on the product
range at all sellers in the years they were a customer in the period. The wallet
is the potential data (Potenzialdaten) ``estimated_wallet_eur`` of ``dim_customer``
(EUR per year); like every wallet estimate it is uncertain, so single shares above
1 occur (the estimate was too low). Per segment the share is pooled: the summed
revenue over the summed wallet-years.

Cross-selling widens what a customer buys, up-selling lifts the tier:
:func:`tier_moves` finds the customers who bought a higher tier of a device line
than the one they bought first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WALLET_COLUMNS = ["customer_id", "segment", "years", "revenue_eur", "wallet_eur", "share_of_wallet"]
"""Columns of :func:`share_of_wallet`."""
SEGMENT_COLUMNS = [
    "segment", "customers", "revenue_eur", "wallet_eur", "pooled_share",
    "pooled_low", "pooled_high", "median_share", "above_wallet",
]  # fmt: skip
"""Columns of :func:`share_of_wallet_by_segment`."""
TIER_COLUMNS = ["customer_id", "product_line", "first_tier", "highest_later_tier", "moved_up"]
"""Columns of :func:`tier_moves`."""
DAYS_PER_YEAR = 365.25


def share_of_wallet(
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
) -> pd.DataFrame:
    """Revenue ÷ estimated wallet per customer over the period ``[start, end)``.

    Parameters
    ----------
    orders
        ``fact_order`` rows (customer_id, order_ts, revenue_eur).
    customers
        ``dim_customer`` (customer_id, segment, estimated_wallet_eur in EUR per year,
        acquisition_date; empty for people never won).
    start, end
        The period; a customer counts from the later of ``start`` and the acquisition day.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`WALLET_COLUMNS`, one row per customer won before ``end``:
        ``years`` as a customer in the period, ``revenue_eur`` in the period,
        ``wallet_eur`` = yearly wallet × years, ``share_of_wallet`` = revenue ÷ wallet_eur.

    Examples
    --------
    >>> customers = pd.DataFrame({"customer_id": [1, 2], "segment": ["a", "b"],
    ...     "estimated_wallet_eur": [1000.0, 400.0],
    ...     "acquisition_date": pd.to_datetime(["2020-01-01", "2024-07-01"])})
    >>> orders = pd.DataFrame({"customer_id": [1, 1, 2],
    ...     "order_ts": pd.to_datetime(["2024-02-01", "2024-09-01", "2024-08-01"]),
    ...     "revenue_eur": [300.0, 200.0, 100.0]})
    >>> table = share_of_wallet(orders, customers, "2024-01-01", "2025-01-01")
    >>> table["share_of_wallet"].round(3).tolist()
    [0.499, 0.496]
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end <= start:
        raise ValueError(f"the period must end after it starts, got {start.date()} … {end.date()}")
    won = pd.to_datetime(customers["acquisition_date"])
    base = customers[won.notna() & (won < end)].copy()
    since = pd.to_datetime(base["acquisition_date"]).clip(lower=start)
    base["years"] = (end - since).dt.days / DAYS_PER_YEAR
    in_period = orders[(orders["order_ts"] >= start) & (orders["order_ts"] < end)]
    revenue = in_period.groupby("customer_id")["revenue_eur"].sum()
    base["revenue_eur"] = base["customer_id"].map(revenue).fillna(0.0).round(2)
    base["wallet_eur"] = (base["estimated_wallet_eur"] * base["years"]).round(2)
    base["share_of_wallet"] = base["revenue_eur"] / base["wallet_eur"].where(base["wallet_eur"] > 0)
    return base[WALLET_COLUMNS].reset_index(drop=True)


def share_of_wallet_by_segment(
    table: pd.DataFrame, confidence: float = 0.95, resamples: int = 400, seed: int = 0
) -> pd.DataFrame:
    """Share of wallet per segment: pooled with a bootstrap interval, median, and shares above 1.

    Parameters
    ----------
    table
        Output of :func:`share_of_wallet`.
    confidence
        Level of the percentile interval of the pooled share (bootstrap over customers).
    resamples, seed
        Number of bootstrap resamples and their seed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SEGMENT_COLUMNS`: ``pooled_share`` = Σ revenue ÷ Σ wallet with
        ``pooled_low`` … ``pooled_high``; ``median_share`` of the customers; ``above_wallet``,
        the share of customers whose revenue exceeds their estimated wallet (the
        estimate was too low for them). Single shares are skewed, so the mean is not shown.

    Examples
    --------
    >>> table = pd.DataFrame({"segment": ["a", "a", "b"], "revenue_eur": [100.0, 300.0, 50.0],
    ...     "wallet_eur": [1000.0, 1000.0, 100.0], "share_of_wallet": [0.1, 0.3, 0.5]})
    >>> result = share_of_wallet_by_segment(table)
    >>> result[["segment", "pooled_share", "median_share"]].values.tolist()
    [['a', 0.2, 0.2], ['b', 0.5, 0.5]]
    >>> bool(result.loc[0, "pooled_low"] <= 0.2 <= result.loc[0, "pooled_high"])
    True
    """
    rng = np.random.default_rng(seed)
    tail = (1.0 - confidence) / 2.0 * 100.0
    rows = []
    for segment, group in table.groupby("segment", sort=True):
        revenue = group["revenue_eur"].to_numpy(dtype=float)
        wallet = group["wallet_eur"].to_numpy(dtype=float)
        picks = rng.integers(0, len(group), (resamples, len(group)))
        pooled = revenue[picks].sum(axis=1) / np.maximum(wallet[picks].sum(axis=1), 1e-9)
        low, high = np.percentile(pooled, [tail, 100.0 - tail])
        shares = group["share_of_wallet"].dropna()
        rows.append(
            (segment, len(group), float(revenue.sum()), float(wallet.sum()),
             float(revenue.sum() / wallet.sum()) if wallet.sum() > 0 else np.nan,
             float(low), float(high), float(shares.median()), float((shares > 1.0).mean()))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


def tier_moves(orders: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Per customer and device line: the first tier bought and the highest tier bought later.

    Parameters
    ----------
    orders
        ``fact_order`` rows (customer_id, order_id, order_ts, product_id).
    products
        ``dim_product`` (product_id, product_line, tier, tier_rank; add-ons have rank 0).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TIER_COLUMNS`, one row per customer and line with at least
        two device orders of that line; ``moved_up`` when a later order's tier is
        higher than the first (up-selling, e.g. basic → plus).

    Examples
    --------
    >>> products = pd.DataFrame({"product_id": [1, 2, 3], "product_line": ["tv"] * 3,
    ...     "tier": ["basic", "plus", "premium"], "tier_rank": [1, 2, 3]})
    >>> orders = pd.DataFrame({"customer_id": [7, 7, 8, 8], "order_id": [1, 2, 3, 4],
    ...     "order_ts": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-01-01", "2024-03-01"]),
    ...     "product_id": [1, 3, 2, 1]})
    >>> moves = tier_moves(orders, products)
    >>> moves[["customer_id", "highest_later_tier", "moved_up"]].values.tolist()
    [[7, 'premium', True], [8, 'basic', False]]
    """
    catalogue = products.set_index("product_id")[["product_line", "tier", "tier_rank"]]
    devices = orders.join(catalogue, on="product_id")
    devices = devices[devices["tier_rank"] > 0].sort_values(["order_ts", "order_id"], kind="stable")
    names = dict(zip(catalogue["tier_rank"], catalogue["tier"], strict=False))
    key = ["customer_id", "product_line"]
    first_order = devices.groupby(key)["order_id"].transform("first")
    is_first = (devices["order_id"] == first_order).to_numpy()
    first = devices[is_first].groupby(key)["tier_rank"].max().rename("first")
    later = devices[~is_first].groupby(key)["tier_rank"].max().rename("later")
    both = pd.concat([first, later], axis=1, join="inner").reset_index()  # two orders or more
    return pd.DataFrame(
        {
            "customer_id": both["customer_id"].to_numpy(),
            "product_line": both["product_line"].to_numpy(),
            "first_tier": both["first"].map(names).to_numpy(),
            "highest_later_tier": both["later"].map(names).to_numpy(),
            "moved_up": (both["later"] > both["first"]).to_numpy(),
        },
        columns=TIER_COLUMNS,
    )
