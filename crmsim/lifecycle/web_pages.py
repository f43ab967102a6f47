"""From planned visits to the lines of a web server log: page times, status codes, sizes.

:mod:`crmsim.lifecycle.web_visits` plans each visit (who, when, which pages);
:func:`page_views` spreads a visit's pages over time, gives each page view the
visitor's address and device, and draws the status code and the bytes sent.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.lifecycle.web_site import PAGE_BYTES
from crmsim.random_draws import ScalarDraws

DEVICES = ("desktop", "mobile", "tablet")
#: Mean bytes of a page whose first path segment is not in ``PAGE_BYTES``.
OTHER_PAGE_BYTES = 30_000
PAGE_VIEW_COLUMNS = [
    "visit", "t_min", "visitor_ip", "customer_id", "url", "referrer", "campaign_id", "device",
]  # fmt: skip


class Visit(NamedTuple):
    """One planned visit: who, when it ends or starts, from where, and the pages in order."""

    person: int  # row in the shard's people, −1 − k for the k-th anonymous visitor
    anchor_min: float  # start of the visit, or its end when ``ends_at_anchor``
    ends_at_anchor: bool
    logged_in: bool
    referrer: str
    campaign_id: int
    pages: tuple[str, ...]


def mean_page_bytes(url: str) -> int:
    """Mean size of a page in bytes, by the first segment of its path (``/p/x`` → ``p``)."""
    parts = re.split("[/?]", url)
    return PAGE_BYTES.get(parts[1] if len(parts) > 1 else "", OTHER_PAGE_BYTES)


def page_views(
    visits: list[Visit],
    ids: np.ndarray,
    addresses: np.ndarray,
    device_of: np.ndarray,
    horizon_min: float,
    draws: ScalarDraws,
) -> pd.DataFrame:
    """Spread each visit's pages over time and draw status codes and sizes.

    Parameters
    ----------
    visits
        The planned visits, in the order they are numbered.
    ids
        Customer ids of the shard's people (by row).
    addresses, device_of
        Address and usual device (index into ``DEVICES``) of every visitor: the
        shard's people by row, then the anonymous visitors.
    horizon_min
        Length of the period in minutes; page views outside it are dropped.
    draws
        The click-stream's random numbers.

    Returns
    -------
    pandas.DataFrame
        One row per page view, columns as :func:`~crmsim.lifecycle.web_visits.simulate_web_visits`.
    """
    people_count = len(ids)
    id_list, address_list, usual_device = ids.tolist(), addresses.tolist(), device_of.tolist()
    random, exponential = draws.random, draws.rng.exponential
    columns: list[list] = [[] for _ in PAGE_VIEW_COLUMNS]
    number_, time_, address_, customer_, url_, referrer_, campaign_, device_ = columns
    for number, (
        person,
        anchor,
        ends_at_anchor,
        logged_in,
        referrer,
        campaign_id,
        pages,
    ) in enumerate(visits):
        visitor = person if person >= 0 else people_count - 1 - person
        device = DEVICES[usual_device[visitor] if random() < 0.8 else draws.integers(3)]
        # Minutes on each page; the visit's last gap is drawn but not used.
        gaps = exponential(0.9, len(pages)).tolist()
        total, offsets = 0.0, [0.0]
        for gap in gaps[:-1]:
            total += gap + 0.05
            offsets.append(total)
        base = anchor - offsets[-1] if ends_at_anchor else anchor
        customer = id_list[person] if logged_in and person >= 0 else -1
        address = address_list[visitor]
        for position, (url, offset) in enumerate(zip(pages, offsets, strict=True)):
            t = base + offset
            if not 0.0 <= t < horizon_min:
                continue
            number_.append(number)
            time_.append(t)
            address_.append(address)
            customer_.append(customer)
            url_.append(url)
            referrer_.append(referrer if position == 0 else "internal")
            campaign_.append(campaign_id if position == 0 else -1)
            device_.append(device)
    frame = pd.DataFrame(dict(zip(PAGE_VIEW_COLUMNS, columns, strict=True)))
    rng = draws.rng
    status = rng.choice([200, 304, 404, 500], len(frame), p=[0.93, 0.055, 0.012, 0.003])
    mean_bytes = {url: mean_page_bytes(url) for url in set(url_)}
    size = np.asarray([mean_bytes[url] for url in url_], dtype=float) * rng.lognormal(
        0, 0.25, len(frame)
    )
    size = np.where(status == 304, 0, np.where(status >= 400, 1_800, size.round()))
    frame.insert(6, "status_code", status.astype(np.int64))
    frame.insert(7, "bytes_sent", size.astype(np.int64))
    return frame
