"""The call-back button (Rückruf-Button) in the log: form requests and the calls they started.

A visitor who clicks the call-back button on the website leaves a phone number on the
form ``/callback`` and is called back at once: the request enters the interaction
center's phone queue like a call. A logged-in request can therefore be matched to the
customer's phone contact that arrived in the same minutes; the match is how a company
sees how many of its phone contacts the website started.
"""

from __future__ import annotations

import pandas as pd

from crmsim.analytics.clickstream import page_type

PHONE_CHANNEL_ID = 1
CALLBACK_REQUEST_COLUMNS = [
    "visit_id", "customer_id", "form_ts", "interaction_id", "delay_min", "matched",
]  # fmt: skip
"""Columns of :func:`callback_form_requests`."""


def callback_form_requests(
    web: pd.DataFrame, interactions: pd.DataFrame, window_min: float = 5.0
) -> pd.DataFrame:
    """Every call-back form sent, and the phone contact it started when one can be found.

    Parameters
    ----------
    web
        ``fact_web_visit`` rows (visit_id, customer_id, view_ts, url).
    interactions
        ``fact_interaction`` rows (interaction_id, customer_id, arrival_ts, channel_id).
    window_min
        A phone contact of the same customer that arrives at most this many minutes
        after the form was sent (or up to a minute before it) counts as its call.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CALLBACK_REQUEST_COLUMNS`, one row per form page view:
        ``customer_id`` is missing for visitors who were not logged in (they cannot be
        matched), ``interaction_id`` and ``delay_min`` (minutes from the form to the
        contact's arrival) belong to the nearest matching phone contact, ``matched``
        says whether there is one.

    Examples
    --------
    >>> web = pd.DataFrame({"visit_id": [1, 1, 2], "customer_id": [7.0, 7.0, None],
    ...     "view_ts": pd.to_datetime(["2024-03-01 10:00", "2024-03-01 10:02",
    ...                               "2024-03-02 11:00"]),
    ...     "url": ["/faq/billing", "/callback", "/callback"]})
    >>> calls = pd.DataFrame({"interaction_id": [40, 41], "customer_id": [7, 7],
    ...     "arrival_ts": pd.to_datetime(["2024-03-01 10:02", "2024-03-05 09:00"]),
    ...     "channel_id": [1, 1]})
    >>> requests = callback_form_requests(web, calls)
    >>> requests[["visit_id", "interaction_id", "matched"]].values.tolist()
    [[1, 40.0, True], [2, nan, False]]
    """
    forms = web[page_type(web["url"]) == "callback_form"]
    forms = forms[["visit_id", "customer_id", "view_ts"]].rename(columns={"view_ts": "form_ts"})
    forms = forms.sort_values(["form_ts", "visit_id"], kind="stable").reset_index(drop=True)
    phone = interactions[interactions["channel_id"] == PHONE_CHANNEL_ID]
    phone = phone[["interaction_id", "customer_id", "arrival_ts"]].dropna(subset=["customer_id"])
    known = forms.dropna(subset=["customer_id"]).reset_index()
    pairs = known.astype({"customer_id": "int64"}).merge(
        phone.astype({"customer_id": "int64"}), on="customer_id"
    )
    pairs["delay_min"] = (pairs["arrival_ts"] - pairs["form_ts"]).dt.total_seconds() / 60.0
    pairs = pairs[pairs["delay_min"].between(-1.0, window_min)]
    nearest = pairs.loc[pairs["delay_min"].abs().groupby(pairs["index"]).idxmin()]
    nearest = nearest.set_index("index")[["interaction_id", "delay_min"]]
    table = forms.join(nearest)
    table["matched"] = table["interaction_id"].notna()
    return table[CALLBACK_REQUEST_COLUMNS]
