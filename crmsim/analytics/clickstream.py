"""Log-file analysis (Logdatei-Analyse) of the click-stream: visits, referrers, funnel, paths, FAQ.

A web server writes one line per request: the visitor's IP address, the time, the
URL, the referrer (the page the visitor came from), the status code and the bytes
sent. From these lines alone a company can rebuild visits (sessions), see where
visitors come from (referrer mix), how many reach the checkout (conversion funnel),
which paths lead to a purchase, and whether the FAQ was enough or the visitor still
contacted the service (was self-service enough?). All functions take
``fact_web_visit`` rows (see :mod:`crmsim.warehouse.web_facts`).

Page types: ``home`` (/), ``search``, ``product`` (/p/…), ``configurator``,
``checkout``, ``faq`` (/faq/…), ``contact_page`` (/faq/contact), ``order_tracking``,
``callback_form`` (/callback, the call-back button).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VISIT_COLUMNS = [
    "visit_id", "visitor_ip", "customer_id", "start_ts", "duration_min", "pages", "path",
    "referrer", "campaign_id", "device", "bounced", "viewed_product", "checked_out",
    "used_service", "reached_contact_page",
]  # fmt: skip
"""Columns of :func:`visit_table`."""
FUNNEL_STAGES = ("visit", "product page", "further page", "checkout")
CAMPAIGN_REFERRERS = ("newsletter", "campaign")
ASSISTED_CHANNEL_IDS = (1, 2, 3, 4, 5)  # phone, chat, email, letter/fax, call-back


def page_type(url: pd.Series) -> pd.Series:
    """The page type of each URL (see the module docstring).

    Examples
    --------
    >>> page_type(pd.Series(["/", "/p/tv_plus", "/faq/contact", "/callback"])).tolist()
    ['home', 'product', 'contact_page', 'callback_form']
    """
    section = url.str.split("[/?]", regex=True).str[1].fillna("")
    kinds = section.map(
        {"": "home", "search": "search", "p": "product", "configurator": "configurator",
         "checkout": "checkout", "faq": "faq", "order-tracking": "order_tracking",
         "callback": "callback_form"}
    ).fillna("other")  # fmt: skip
    return kinds.where(url != "/faq/contact", "contact_page")


def visit_table(web: pd.DataFrame) -> pd.DataFrame:
    """One row per visit (session) of the log.

    Parameters
    ----------
    web
        ``fact_web_visit`` rows (visit_id, visitor_ip, customer_id, view_ts, url,
        referrer, campaign_id, device), in any order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`VISIT_COLUMNS`: ``duration_min`` from the first to the last
        page view (minutes; the time on the last page is unknown to a log), ``pages``,
        ``path`` (page types joined by " > "), the entry page's ``referrer`` and
        ``campaign_id``, and flags: ``bounced`` (one page), ``viewed_product``,
        ``checked_out`` (an order), ``used_service`` (FAQ, order tracking or the
        call-back form),
        ``reached_contact_page``.

    Examples
    --------
    >>> web = pd.DataFrame({"visit_id": [1, 1, 2], "visitor_ip": ["192.0.2.1"] * 2 + ["192.0.2.9"],
    ...     "customer_id": [5, 5, None], "view_ts": pd.to_datetime(
    ...         ["2024-01-01 10:00", "2024-01-01 10:03", "2024-01-02 09:00"]),
    ...     "url": ["/p/tv_plus", "/checkout", "/"], "referrer": ["search", "internal", "direct"],
    ...     "campaign_id": [None] * 3, "device": ["mobile"] * 3})
    >>> visits = visit_table(web)
    >>> columns = ["visit_id", "pages", "path", "duration_min", "checked_out", "bounced"]
    >>> visits[columns].values.tolist()
    [[1, 2, 'product > checkout', 3.0, True, False], [2, 1, 'home', 0.0, False, True]]
    """
    views = web.sort_values(["visit_id", "view_ts"], kind="stable")
    visit = views["visit_id"].to_numpy()
    starts = (
        np.flatnonzero(np.r_[True, visit[1:] != visit[:-1]]) if len(views) else np.array([], int)
    )
    ends = np.r_[starts[1:], len(views)].astype(int)
    kind = page_type(views["url"]).to_numpy(dtype=object)
    ts = views["view_ts"].to_numpy()
    head = views.iloc[starts]

    def flag(*kinds: str) -> np.ndarray:
        if not len(views):
            return np.zeros(0, dtype=bool)
        return np.logical_or.reduceat(np.isin(kind, kinds), starts)

    pages = ends - starts
    return pd.DataFrame(
        {
            "visit_id": visit[starts],
            "visitor_ip": head["visitor_ip"].to_numpy(),
            "customer_id": head["customer_id"].to_numpy(),
            "start_ts": ts[starts],
            "duration_min": (ts[ends - 1] - ts[starts]) / np.timedelta64(1, "s") / 60.0,
            "pages": pages,
            "path": [" > ".join(kind[a:b]) for a, b in zip(starts, ends, strict=True)],
            "referrer": head["referrer"].to_numpy(),
            "campaign_id": head["campaign_id"].to_numpy(),
            "device": head["device"].to_numpy(),
            "bounced": pages == 1,
            "viewed_product": flag("product"),
            "checked_out": flag("checkout"),
            "used_service": flag("faq", "order_tracking", "contact_page", "callback_form"),
            "reached_contact_page": flag("contact_page"),
        }
    )


def sessionize(web: pd.DataFrame, gap_min: float = 30.0) -> pd.Series:
    """Rebuild visits from the log alone: same IP and device, no pause longer than ``gap_min``.

    This is how a log without session cookies is read. Visitors sharing an address
    (as behind a carrier's address translation) merge, long pauses split.

    Returns
    -------
    pandas.Series
        A session number per page view (index of ``web``), 1, 2, … in time order.

    Examples
    --------
    >>> web = pd.DataFrame({"visitor_ip": ["a", "a", "a", "b"], "device": ["pc"] * 4,
    ...     "view_ts": pd.to_datetime(["2024-01-01 10:00", "2024-01-01 10:20",
    ...                               "2024-01-01 11:30", "2024-01-01 10:05"])})
    >>> sessionize(web).tolist()
    [1, 1, 3, 2]
    """
    ordered = web.sort_values(["visitor_ip", "device", "view_ts"], kind="stable")
    same_visitor = (ordered["visitor_ip"] == ordered["visitor_ip"].shift()) & (
        ordered["device"] == ordered["device"].shift()
    )
    pause = ordered["view_ts"].diff().dt.total_seconds() / 60.0
    new = ~(same_visitor & (pause <= gap_min))
    raw = new.cumsum()
    start = ordered.groupby(raw)["view_ts"].transform("min")
    order = pd.DataFrame({"start": start, "raw": raw}).sort_values(["start", "raw"], kind="stable")
    number = pd.Series(pd.factorize(order["raw"])[0] + 1, index=order.index)
    return number.reindex(web.index)


def session_agreement(web: pd.DataFrame, sessions: pd.Series) -> float:
    """Share of the true visits that the rebuilt sessions reproduce exactly (same page views).

    Examples
    --------
    >>> web = pd.DataFrame({"visit_id": [1, 1, 2, 3]})
    >>> session_agreement(web, pd.Series([1, 1, 1, 2]))  # visits 1 and 2 merged
    0.3333333333333333
    """
    pairs = pd.DataFrame({"visit": web["visit_id"].to_numpy(), "session": sessions.to_numpy()})
    sessions_per_visit = pairs.groupby("visit")["session"].nunique()
    visits_per_session = pairs.groupby("session")["visit"].nunique()
    only = pairs.groupby("visit")["session"].first()
    exact = (sessions_per_visit == 1) & (only.map(visits_per_session) == 1)
    return float(exact.mean())


def referrer_mix(visits: pd.DataFrame) -> pd.DataFrame:
    """Visits, share, bounce rate and conversion rate per referrer, most visits first.

    Examples
    --------
    >>> visits = pd.DataFrame({"referrer": ["search", "search", "newsletter", "direct"],
    ...     "bounced": [True, False, False, False], "checked_out": [False, True, True, False]})
    >>> referrer_mix(visits)[["referrer", "visits", "share", "conversion"]].values.tolist()
    [['search', 2, 0.5, 0.5], ['direct', 1, 0.25, 0.0], ['newsletter', 1, 0.25, 1.0]]
    """
    table = visits.groupby("referrer").agg(
        visits=("referrer", "size"),
        bounce_rate=("bounced", "mean"),
        conversion=("checked_out", "mean"),
    )
    table.insert(1, "share", table["visits"] / table["visits"].sum())
    table = table.reset_index().sort_values(["visits", "referrer"], ascending=[False, True])
    return table.reset_index(drop=True)


def conversion_funnel(visits: pd.DataFrame) -> pd.DataFrame:
    """The funnel: all visits → a product page → a further page → the checkout (an order).

    Returns
    -------
    pandas.DataFrame
        ``stage`` (:data:`FUNNEL_STAGES`), ``visits``, ``share_of_visits`` and
        ``step_rate`` (share of the previous stage that reached this one).
    """
    product = visits["viewed_product"].to_numpy(dtype=bool)
    further = product & (visits["pages"].to_numpy() > 1)
    checkout = further & visits["checked_out"].to_numpy(dtype=bool)
    counts = np.array([len(visits), product.sum(), further.sum(), checkout.sum()], dtype=float)
    previous = np.concatenate(([counts[0]], counts[:-1]))
    return pd.DataFrame(
        {
            "stage": FUNNEL_STAGES,
            "visits": counts.astype(int),
            "share_of_visits": counts / max(counts[0], 1.0),
            "step_rate": counts / np.maximum(previous, 1.0),
        }
    )


def paths_to_purchase(visits: pd.DataFrame, top: int = 8) -> pd.DataFrame:
    """The most common paths (page types) of visits that ended in an order."""
    buying = visits[visits["checked_out"]]
    counts = buying["path"].value_counts()
    table = pd.DataFrame({"path": counts.index, "visits": counts.to_numpy()})
    table["share"] = table["visits"] / max(len(buying), 1)
    return table.head(top)


def faq_to_contact(
    web: pd.DataFrame, interactions: pd.DataFrame, window_hours: float = 24.0
) -> pd.DataFrame:
    """Was self-service enough? Logged-in FAQ visits and whether a contact followed.

    A visit with an FAQ, order-tracking or contact page counts as *followed* when the
    same customer started an assisted contact (phone, chat, email, letter/fax,
    call-back) within ``window_hours`` after the visit began.

    Returns
    -------
    pandas.DataFrame
        Per first service page (``topic``): ``visits``, ``followed`` and
        ``self_service_enough`` = 1 − followed ÷ visits; a last row ``all``.
    """
    views = web.dropna(subset=["customer_id"]).assign(kind=page_type(web["url"]))
    service = views[views["kind"].isin(["faq", "order_tracking", "contact_page"])]
    first = (
        service.sort_values("view_ts")
        .groupby("visit_id")
        .agg(
            customer_id=("customer_id", "first"), start=("view_ts", "first"), topic=("url", "first")
        )
    )
    assisted = interactions[interactions["channel_id"].isin(ASSISTED_CHANNEL_IDS)]
    contacts = assisted[["customer_id", "arrival_ts"]].astype({"customer_id": "int64"})
    pairs = first.reset_index().astype({"customer_id": "int64"}).merge(contacts, on="customer_id")
    delay = pairs["arrival_ts"] - pairs["start"]
    hit = pairs[(delay >= pd.Timedelta(0)) & (delay <= pd.Timedelta(hours=window_hours))]
    first["followed"] = first.index.isin(hit["visit_id"])
    table = first.groupby("topic").agg(visits=("followed", "size"), followed=("followed", "sum"))
    table.loc["all"] = [len(first), int(first["followed"].sum())]
    table["self_service_enough"] = 1.0 - table["followed"] / table["visits"].clip(lower=1)
    return table.reset_index()


def log_summary(web: pd.DataFrame) -> dict[str, float]:
    """Key figures of a log: page views, visits, addresses, logged-in share, MB sent, errors."""
    return {
        "page_views": float(len(web)),
        "visits": float(web["visit_id"].nunique()),
        "addresses": float(web["visitor_ip"].nunique()),
        "logged_in_share": float(web["customer_id"].notna().mean()),
        "megabytes_sent": float(web["bytes_sent"].sum()) / 1e6,
        "error_share": float((web["status_code"] >= 400).mean()),
        "campaign_visit_share": float(
            web.drop_duplicates("visit_id")["referrer"].isin(CAMPAIGN_REFERRERS).mean()
        ),
    }
