"""From planned visits to the lines of a web server log: page times, status codes, sizes.

:mod:`crmsim.lifecycle.web_visits` plans the visits (who, when, which pages) as
:class:`Visits`, a set of arrays; :func:`page_views` spreads every visit's pages
over time, gives each page view the visitor's address and device, and draws the
status code and the bytes sent, all with array operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from crmsim.lifecycle.web_site import INTERNAL, NO_PAGE, REFERRERS, Site

DEVICES = ("desktop", "mobile", "tablet")
#: Share of visits from the visitor's usual device (the others from any device).
USUAL_DEVICE_SHARE = 0.8
#: Mean minutes on a page (exponential) and the server's minimum gap between two pages.
MEAN_MINUTES_ON_PAGE = 0.9
MIN_GAP_MIN = 0.05
#: HTTP status codes and their shares; a 304 sends no body, an error page 1,800 bytes.
STATUS_CODES = (200, 304, 404, 500)
STATUS_SHARES = (0.93, 0.055, 0.012, 0.003)
ERROR_PAGE_BYTES = 1_800
#: pandas' default string type (``"str"``): Arrow strings, NaN for missing values.
STRING_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)
#: Spread (sigma of the logarithm) of a page's size around its mean.
PAGE_BYTES_SIGMA = 0.25


@dataclass(frozen=True)
class Visits:
    """Planned visits, one entry per visit, with their pages as one flat array.

    Attributes
    ----------
    person
        Row in the shard's people, −1 − k for the k-th anonymous visitor.
    anchor_min
        Start of the visit in minutes, or its end when ``ends_at_anchor``.
    ends_at_anchor, logged_in
        Whether the last page is sent at the anchor; whether the visitor logged in.
    referrer, campaign_id
        Entry referrer (index into ``REFERRERS``) and campaign (−1: none).
    page_count, pages
        Pages per visit and all pages (numbers of :class:`~crmsim.lifecycle.web_site.Site`),
        visit after visit, in the order they are seen.
    """

    person: np.ndarray
    anchor_min: np.ndarray
    ends_at_anchor: np.ndarray
    logged_in: np.ndarray
    referrer: np.ndarray
    campaign_id: np.ndarray
    page_count: np.ndarray
    pages: np.ndarray

    @classmethod
    def planned(
        cls,
        person: np.ndarray,
        anchor_min: np.ndarray,
        ends_at_anchor: np.ndarray | bool,
        logged_in: np.ndarray,
        referrer: np.ndarray | int,
        campaign_id: np.ndarray | int,
        page_columns: list[np.ndarray],
    ) -> Visits:
        """Visits from per-visit values and page columns (``NO_PAGE`` where a position is empty).

        Scalars are repeated for every visit; column ``k`` holds each visit's
        candidate for position ``k``, and the empty positions are dropped.
        """
        n = len(person)
        grid = np.column_stack([np.broadcast_to(column, (n,)) for column in page_columns])
        present = grid != NO_PAGE
        return cls(
            np.asarray(person, dtype=np.int64),
            np.asarray(anchor_min, dtype=float),
            np.broadcast_to(ends_at_anchor, (n,)).astype(bool),
            np.asarray(logged_in, dtype=bool),
            np.broadcast_to(referrer, (n,)).astype(np.int64),
            np.broadcast_to(campaign_id, (n,)).astype(np.int64),
            present.sum(axis=1),
            grid[present].astype(np.int64),
        )

    @classmethod
    def joined(cls, parts: list[Visits]) -> Visits:
        """All visits of ``parts``, numbered part after part."""
        return cls(
            *(
                np.concatenate([getattr(part, name) for part in parts])
                for name in cls.__annotations__
            )
        )


def page_views(
    visits: Visits,
    site: Site,
    ids: np.ndarray,
    addresses: np.ndarray,
    device_of: np.ndarray,
    horizon_min: float,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Spread each visit's pages over time and draw status codes and sizes.

    Parameters
    ----------
    visits
        The planned visits, in the order they are numbered; each has at least one page.
    site
        The pages' paths and mean sizes.
    ids
        Customer ids of the shard's people (by row).
    addresses, device_of
        Address and usual device (index into ``DEVICES``) of every visitor: the
        shard's people by row, then the anonymous visitors.
    horizon_min
        Length of the period in minutes; page views outside it are dropped.
    rng
        The click-stream's random stream.

    Returns
    -------
    pandas.DataFrame
        One row per page view, columns as :func:`~crmsim.lifecycle.web_visits.simulate_web_visits`.
    """
    count = visits.page_count
    n_visits = len(count)
    person = visits.person
    visitor = np.where(person >= 0, person, len(ids) - 1 - person)
    usual = rng.random(n_visits) < USUAL_DEVICE_SHARE
    device = np.where(usual, device_of[visitor], rng.integers(0, len(DEVICES), n_visits))
    # Minutes on each page; the visit's last gap is drawn but not used.
    step = rng.exponential(MEAN_MINUTES_ON_PAGE, len(visits.pages)) + MIN_GAP_MIN
    first = np.cumsum(count) - count  # position of each visit's first page
    visit_of = np.repeat(np.arange(n_visits), count)
    position = np.arange(len(step)) - first[visit_of]
    before = np.cumsum(step) - step  # sum of all earlier steps
    offset = before - before[first][visit_of]
    length = offset[first + count - 1]  # offset of each visit's last page
    base = np.where(visits.ends_at_anchor, visits.anchor_min - length, visits.anchor_min)
    t = base[visit_of] + offset
    keep = (t >= 0.0) & (t < horizon_min)
    visit_of, position, t, pages = visit_of[keep], position[keep], t[keep], visits.pages[keep]
    known = visits.logged_in & (person >= 0)
    customer = np.where(known, ids[np.maximum(person, 0)], -1)[visit_of]
    is_entry = position == 0
    referrer = np.where(is_entry, visits.referrer[visit_of], INTERNAL)
    campaign = np.where(is_entry, visits.campaign_id[visit_of], -1)
    status = rng.choice(np.asarray(STATUS_CODES), len(t), p=STATUS_SHARES)
    size = (site.page_bytes[pages] * rng.lognormal(0.0, PAGE_BYTES_SIGMA, len(t))).round()
    size = np.where(status == 304, 0, np.where(status >= 400, ERROR_PAGE_BYTES, size))
    return pd.DataFrame(
        {
            "visit": visit_of.astype(np.int64),
            "t_min": t,
            "visitor_ip": text_column(addresses, visitor[visit_of]),
            "customer_id": customer.astype(np.int64),
            "url": text_column(site.urls, pages),
            "referrer": text_column(np.asarray(REFERRERS, dtype=object), referrer),
            "status_code": status.astype(np.int64),
            "bytes_sent": size.astype(np.int64),
            "campaign_id": campaign.astype(np.int64),
            "device": text_column(np.asarray(DEVICES, dtype=object), device[visit_of]),
        }
    )


def rows_of(ids: np.ndarray, customer_ids: np.ndarray) -> np.ndarray:
    """Row of each customer id in ``ids`` (the shard's people), −1 where it is not there."""
    sorter = np.argsort(ids, kind="stable")
    ordered = ids[sorter]
    place = np.minimum(np.searchsorted(ordered, customer_ids), max(len(ids) - 1, 0))
    found = (ordered[place] == customer_ids) if len(ids) else np.zeros(len(customer_ids), bool)
    return np.where(found, sorter[place], -1)


def by_value(values: np.ndarray | pd.Series, mapping: dict, default: object) -> np.ndarray:
    """``mapping[value]`` for each of ``values``, ``default`` for values not in ``mapping``.

    One comparison per key of ``mapping``, so it suits small mappings (channels,
    reasons, campaigns); a categorical column is compared by its codes.
    """
    looked_up = np.full(len(values), default)
    for key, value in mapping.items():
        looked_up[np.asarray(values == key, dtype=bool)] = value
    return looked_up


def text_column(texts: np.ndarray, index: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The column ``texts[index]`` in pandas' default string type, built without Python strings.

    ``texts`` is a small vocabulary (pages, referrers, devices, addresses), ``index`` an
    integer array into it; the result equals ``pd.array(texts[index])``.
    """
    taken = pa.array(texts.tolist(), type=pa.large_string()).take(pa.array(index))
    return pd.array(taken, dtype=STRING_DTYPE)
