"""The shop's website as the click-stream sees it: its pages and the page sizes.

Product pages are ``/p/<product_code>``, the configurator ``/configurator/<line>``,
the search ``/search?q=<line>``; the FAQ pages and order tracking answer the
service reasons (see :data:`FAQ_PAGE`), and the call-back form ``/callback``
(Rückruf-Button) asks the interaction center to call at once.

:class:`Site` numbers every page of the shop (``Site.urls``), so a visit's pages
are integer arrays until the log is written; its methods pick the pages of many
visits at once, one column of page numbers per position (``NO_PAGE`` where a
visit has no page in that position).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from crmsim.lifecycle.campaigns import Campaign

#: Mean page size in bytes by the first path segment.
PAGE_BYTES = {
    "": 62_000,
    "search": 38_000,
    "p": 47_000,
    "configurator": 84_000,
    "checkout": 31_000,
    "faq": 24_000,
    "order-tracking": 12_000,
    "callback": 18_000,
}
#: Mean bytes of a page whose first path segment is not in ``PAGE_BYTES``.
OTHER_PAGE_BYTES = 30_000
#: The call-back form: the visitor leaves a phone number and is called back at once.
CALLBACK_FORM = "/callback"
#: FAQ page (or order tracking) a service reason leads to.
FAQ_PAGE = {
    "order_status": "/order-tracking",
    "billing": "/faq/billing",
    "product_question": "/faq/product-help",
    "technical_issue": "/faq/troubleshooting",
    "complaint": "/faq/returns",
}
#: FAQ page of a service reason not in ``FAQ_PAGE``.
DEFAULT_FAQ_PAGE = "/faq/product-help"
#: Page number of "no page in this position of the visit".
NO_PAGE = -1
#: Entry referrers by code; later pages of a visit are ``internal``.
REFERRERS = ("search", "newsletter", "campaign", "direct", "internal")
SEARCH, NEWSLETTER, CAMPAIGN, DIRECT, INTERNAL = range(len(REFERRERS))
#: Chance of an entry page by referrer: the search results, the home page.
SEARCH_PAGE_SHARE = 0.4
HOME_PAGE_SHARE = 0.35
#: Chance of one more product page while browsing (at most ``MAX_BROWSED``), of the configurator.
ANOTHER_PRODUCT = 0.35
MAX_BROWSED = 3
CONFIGURATOR_SHARE = 0.15
#: Chance that a campaign link shows the line's top device (else its second one).
TOP_DEVICE_SHARE = 0.4


def mean_page_bytes(url: str) -> int:
    """Mean size of a page in bytes, by the first segment of its path (``/p/x`` → ``p``)."""
    parts = re.split("[/?]", url)
    return PAGE_BYTES.get(parts[1] if len(parts) > 1 else "", OTHER_PAGE_BYTES)


class Site:
    """The pages of the shop, numbered: product pages by line and tier, lines by campaign.

    Attributes
    ----------
    lines
        Device lines (lines with a product that is not an add-on), in catalogue order.
    urls, page_bytes
        Every page's path and mean size in bytes, by page number.
    product_page, product_line
        Page number and line number (−1: not a device line) by product id.
    """

    def __init__(self, products: pd.DataFrame, campaigns: list[Campaign]) -> None:
        devices = products[products["tier"] != "add_on"]
        self.lines: list[str] = list(dict.fromkeys(devices["product_line"]))
        line_number = {line: number for number, line in enumerate(self.lines)}
        urls = ["/", "/checkout", "/order-tracking", "/faq/contact", CALLBACK_FORM]
        urls += list(dict.fromkeys([*FAQ_PAGE.values(), DEFAULT_FAQ_PAGE]))
        urls += [f"/search?q={line}" for line in self.lines]
        urls += [f"/configurator/{line}" for line in self.lines]
        ids = products["product_id"].to_numpy(dtype=np.int64)
        self.product_page = np.full(int(ids.max()) + 1, NO_PAGE, dtype=np.int64)
        self.product_line = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
        self.product_page[ids] = np.arange(len(urls), len(urls) + len(ids))
        self.product_line[ids] = [line_number.get(line, -1) for line in products["product_line"]]
        urls += [f"/p/{code}" for code in products["product_code"]]
        self.urls = np.asarray(urls, dtype=object)
        self.page_bytes = np.asarray([mean_page_bytes(url) for url in urls], dtype=float)
        self.page_of = {url: page for page, url in enumerate(urls)}
        self.search_page = np.arange(len(self.lines)) + self.page_of[f"/search?q={self.lines[0]}"]
        self.configurator = self.search_page + len(self.lines)
        tiers = products["tier"].to_numpy()
        line_names = products["product_line"].to_numpy()
        self.devices = [self.product_page[ids[(line_names == line) & (tiers != "add_on")]]
                        for line in self.lines]  # fmt: skip
        self.add_ons = [self.product_page[ids[(line_names == line) & (tiers == "add_on")]]
                        for line in self.lines]  # fmt: skip
        self.device_count = np.asarray([len(pages) for pages in self.devices])
        self.device_start = np.cumsum(self.device_count) - self.device_count
        self.device_pages = np.concatenate(self.devices)
        self.campaigns = {campaign.campaign_id: campaign for campaign in campaigns}

    def random_lines(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Line numbers of ``n`` visits about a line chosen uniformly."""
        return rng.integers(0, len(self.lines), n)

    def random_devices(self, lines: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Page of one device of each visit's line, chosen uniformly within the line."""
        count = self.device_count[lines]
        pick = np.minimum((rng.random(len(lines)) * count).astype(np.int64), count - 1)
        return self.device_pages[self.device_start[lines] + pick]

    def landing(
        self, referrers: np.ndarray, lines: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        """Entry page of each visit about ``lines``: a search, the home page or ``NO_PAGE``."""
        u = rng.random(len(lines))
        page = np.where(u < HOME_PAGE_SHARE, self.page_of["/"], NO_PAGE)
        page = np.where(referrers == DIRECT, page, NO_PAGE)
        search = (referrers == SEARCH) & (u < SEARCH_PAGE_SHARE)
        return np.where(search, self.search_page[lines], page)

    def browse(self, lines: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Pages browsed in each visit: 1 to 3 product pages of its line, maybe the configurator.

        Returns an array of shape ``(len(lines), 4)``, ``NO_PAGE`` in unused positions.
        """
        n = len(lines)
        columns = [self.random_devices(lines, rng)]
        going_on = np.ones(n, dtype=bool)
        for _ in range(MAX_BROWSED - 1):
            going_on &= rng.random(n) < ANOTHER_PRODUCT
            columns.append(np.where(going_on, self.random_devices(lines, rng), NO_PAGE))
        configurator = rng.random(n) < CONFIGURATOR_SHARE
        columns.append(np.where(configurator, self.configurator[lines], NO_PAGE))
        return np.column_stack(columns)

    def campaign_pages(self, campaign_ids: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Landing page of each campaign link: the offered product, else the home page."""
        pages = np.full(len(campaign_ids), self.page_of["/"], dtype=np.int64)
        u = rng.random(len(campaign_ids))
        for campaign_id in np.unique(campaign_ids).tolist():
            campaign = self.campaigns[campaign_id]
            if campaign.line < 0:
                continue
            chosen = campaign_ids == campaign_id
            add_ons, devices = self.add_ons[campaign.line], self.devices[campaign.line]
            if campaign.campaign_type == "cross_sell" and len(add_ons):
                pick = np.minimum((u[chosen] * len(add_ons)).astype(np.int64), len(add_ons) - 1)
                pages[chosen] = add_ons[pick]
            else:
                pages[chosen] = np.where(u[chosen] < TOP_DEVICE_SHARE, devices[-1], devices[1])
        return pages
