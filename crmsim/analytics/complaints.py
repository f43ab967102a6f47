"""The complaint-policy experiment: cost, resolution, satisfaction and later churn per policy.

The simulated company handles every complaint under one of three policies from
the lecture (do nothing, a standardised procedure, a personal procedure), and
the policy is **drawn at random** for each complaint. That makes the comparison
a controlled experiment: customers under the three policies differ only by
chance, so differences in later churn are effects of the policy, not of who
complained.

To keep the unit of the experiment clean, each customer counts once, with the
first complaint of the period (an intention-to-treat view: later complaints may
be handled differently, which can only blur the difference).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from crmsim.analytics.estimates import mean_estimate, share_estimate

POLICY_ORDER = ("none", "standardised", "personal")


def month_start(timestamps: pd.Series) -> pd.Series:
    """The first day of each timestamp's month as a ``YYYYMMDD`` integer (a ``month_key``)."""
    return (timestamps.dt.year * 10000 + timestamps.dt.month * 100 + 1).astype("int64")


def months_between(first_key: pd.Series, later_key: pd.Series) -> pd.Series:
    """Whole calendar months from one ``month_key`` to another."""
    return (
        (later_key // 10000 - first_key // 10000) * 12
        + (later_key // 100 % 100)
        - (first_key // 100 % 100)
    )


def complaint_outcomes(
    tables: dict[str, pd.DataFrame], followup_months: int | None = 12
) -> pd.DataFrame:
    """One row per customer's first complaint, with what happened afterwards.

    Parameters
    ----------
    tables
        Warehouse tables (``fact_complaint``, ``fact_interaction``, ``fact_customer_month``).
    followup_months
        Churn counts as "later churn" if it happens in the complaint's month or the next
        ``followup_months - 1`` months; only complaints with that much data after them
        are kept. ``None`` counts churn up to the end of the period and keeps all.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``complaint_ts``, ``trigger``, ``policy``, ``value_class``
        (A/B/C of the contact), ``cost_eur`` (handling plus compensation, EUR),
        ``resolved``, ``satisfaction_after`` (satisfaction index 0..10 at the end of the
        complaint's month) and ``churned_later`` (bool).
    """
    complaints = tables["fact_complaint"].sort_values(["complaint_ts", "complaint_id"])
    first = complaints.drop_duplicates("customer_id").copy()
    classes = tables["fact_interaction"].set_index("interaction_id")["value_class"]
    first["value_class"] = first["interaction_id"].map(classes)
    first["month_key"] = month_start(first["complaint_ts"])
    months = tables["fact_customer_month"]
    satisfaction = months.set_index(["customer_id", "month_key"])["satisfaction_index"]
    keys = pd.MultiIndex.from_frame(first[["customer_id", "month_key"]])
    first["satisfaction_after"] = satisfaction.reindex(keys).to_numpy()
    churn_months = months.loc[months["churned"], ["customer_id", "month_key"]]
    joined = first[["complaint_id", "customer_id", "month_key"]].merge(
        churn_months, on="customer_id", how="left", suffixes=("", "_churn")
    )
    gap = months_between(joined["month_key"], joined["month_key_churn"].fillna(0).astype("int64"))
    window = followup_months if followup_months is not None else 10_000
    joined["hit"] = joined["month_key_churn"].notna() & (gap >= 0) & (gap < window)
    first["churned_later"] = first["complaint_id"].map(joined.groupby("complaint_id")["hit"].any())
    if followup_months is not None:
        last = int(months["month_key"].max())
        room = months_between(first["month_key"], pd.Series(last, index=first.index))
        first = first[room >= followup_months - 1]
    first["cost_eur"] = first["handling_cost_eur"] + first["compensation_eur"]
    columns = [
        "customer_id",
        "complaint_ts",
        "trigger",
        "handling_policy",
        "value_class",
        "cost_eur",
        "resolved",
        "satisfaction_after",
        "churned_later",
    ]
    out = first[columns].rename(columns={"handling_policy": "policy"})
    return out.astype({"churned_later": bool}).reset_index(drop=True)


def summarise_policies(outcomes: pd.DataFrame, by: Sequence[str] = ("policy",)) -> pd.DataFrame:
    """Cost, resolution, satisfaction and later churn per policy, each with its 95 % interval.

    Parameters
    ----------
    outcomes
        Rows as :func:`complaint_outcomes` returns (possibly pooled from several seeds).
    by
        Grouping columns, e.g. ``("policy",)`` or ``("value_class", "policy")``.

    Returns
    -------
    pandas.DataFrame
        One row per group with ``customers`` and, for each of ``cost_eur`` (mean EUR per
        complaint), ``resolved``, ``churned_later`` (shares) and ``satisfaction_after``
        (mean index 0..10), the value and its ``_low`` and ``_high`` bounds.
    """
    rows = []
    for key, group in outcomes.groupby(list(by), sort=False):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, key, strict=True)) | {"customers": len(group)}
        estimates = {
            "cost_eur": mean_estimate(group["cost_eur"]),
            "resolved": share_estimate(int(group["resolved"].sum()), len(group)),
            "satisfaction_after": mean_estimate(group["satisfaction_after"]),
            "churned_later": share_estimate(int(group["churned_later"].sum()), len(group)),
        }
        for name, estimate in estimates.items():
            row |= {
                name: estimate.value,
                f"{name}_low": estimate.low,
                f"{name}_high": estimate.high,
            }
        rows.append(row)
    table = pd.DataFrame(rows)
    order = {policy: rank for rank, policy in enumerate(POLICY_ORDER)}
    table = table.sort_values(
        list(by), key=lambda column: column.map(order) if column.name == "policy" else column
    )
    return table.reset_index(drop=True)


def complaint_policy_comparison(
    tables: dict[str, pd.DataFrame],
    by: Sequence[str] = ("policy",),
    followup_months: int | None = 12,
) -> pd.DataFrame:
    """The experiment's result table for one warehouse (see :func:`summarise_policies`)."""
    return summarise_policies(complaint_outcomes(tables, followup_months), by)


def pooled_complaint_outcomes(
    warehouses: Mapping[int, dict[str, pd.DataFrame]], followup_months: int | None = 12
) -> pd.DataFrame:
    """:func:`complaint_outcomes` of several warehouses (e.g. one per seed), stacked.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`complaint_outcomes` and ``seed`` (the warehouse's key); pass
        it to :func:`summarise_policies` for intervals over the pooled experiment.
    """
    frames = [
        complaint_outcomes(tables, followup_months).assign(seed=key)
        for key, tables in warehouses.items()
    ]
    return pd.concat(frames, ignore_index=True)


def complaint_outcomes_over_seeds(
    seeds: Sequence[int], customers: int = 3000, years: int = 2, followup_months: int | None = 12
) -> pd.DataFrame:
    """:func:`pooled_complaint_outcomes` of one warehouse simulated per seed."""
    from crmsim.analytics.replications import simulate_warehouses

    return pooled_complaint_outcomes(simulate_warehouses(seeds, customers, years), followup_months)


def policy_table_text(table: pd.DataFrame, by: Sequence[str] = ("policy",)) -> pd.DataFrame:
    """The experiment table for reading: each figure with its interval in one cell.

    Parameters
    ----------
    table
        Output of :func:`summarise_policies`.
    by
        Its grouping columns (kept as they are).

    Returns
    -------
    pandas.DataFrame
        ``customers``, ``cost per complaint`` (EUR), ``resolved``, ``satisfaction after``
        (index 0..10) and ``churned later`` (percent), as text such as ``"37% [30, 44]"``.
    """

    def share(name: str) -> pd.Series:
        return table.apply(
            lambda r: (
                f"{r[name]:.0%} [{100 * r[name + '_low']:.0f}, {100 * r[name + '_high']:.0f}]"
            ),
            axis=1,
        )

    def mean(name: str, digits: int) -> pd.Series:
        return table.apply(
            lambda r: (
                f"{r[name]:.{digits}f} [{r[name + '_low']:.{digits}f}, "
                f"{r[name + '_high']:.{digits}f}]"
            ),
            axis=1,
        )

    text = table[list(by)].copy()
    text["customers"] = table["customers"]
    text["cost per complaint (EUR)"] = mean("cost_eur", 0)
    text["resolved"] = share("resolved")
    text["satisfaction after (0-10)"] = mean("satisfaction_after", 1)
    text["churned later"] = share("churned_later")
    return text.set_index(list(by))
