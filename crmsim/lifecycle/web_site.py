"""The shop's website as the click-stream sees it: its pages and the page sizes.

Product pages are ``/p/<product_code>``, the configurator ``/configurator/<line>``,
the search ``/search?q=<line>``; the FAQ pages and order tracking answer the
service reasons (see :data:`FAQ_PAGE`), and the call-back form ``/callback``
(Rückruf-Button) asks the interaction center to call at once. :class:`Site` picks
the pages of one visit.
"""

from __future__ import annotations

import pandas as pd

from crmsim.lifecycle.campaigns import Campaign
from crmsim.random_draws import ScalarDraws

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


class Site:
    """The pages of the shop: product codes by line and tier, lines by campaign."""

    def __init__(self, products: pd.DataFrame, campaigns: list[Campaign]) -> None:
        devices = products[products["tier"] != "add_on"]
        self.lines: list[str] = list(dict.fromkeys(devices["product_line"]))
        self.code = dict(
            zip(products["product_id"].astype(int), products["product_code"], strict=True)
        )
        self.line_of = dict(
            zip(products["product_id"].astype(int), products["product_line"], strict=True)
        )
        self.devices = {
            line: devices.loc[devices["product_line"] == line, "product_code"].tolist()
            for line in self.lines
        }
        add_ons = products[(products["tier"] == "add_on") & (products["product_line"] != "all")]
        self.add_ons = {
            line: add_ons.loc[add_ons["product_line"] == line, "product_code"].tolist()
            for line in self.lines
        }
        self.campaigns = {campaign.campaign_id: campaign for campaign in campaigns}

    def landing(self, referrer: str, line: str, draws: ScalarDraws) -> tuple[str, ...]:
        """Entry pages for a visit about ``line``: a search, the home page or none."""
        if referrer == "search":
            return (f"/search?q={line}",) if draws.random() < 0.4 else ()
        if referrer == "direct":
            return ("/",) if draws.random() < 0.35 else ()
        return ()

    def browse(self, line: str, draws: ScalarDraws) -> tuple[str, ...]:
        """Product pages (and sometimes the configurator) of one line, 1 to 4 pages."""
        codes = self.devices[line]
        count = len(codes)
        pages = [f"/p/{codes[draws.integers(count)]}"]
        while draws.random() < 0.35 and len(pages) < 3:
            pages.append(f"/p/{codes[draws.integers(count)]}")
        if draws.random() < 0.15:
            pages.append(f"/configurator/{line}")
        return tuple(pages)

    def campaign_pages(self, campaign: Campaign, draws: ScalarDraws) -> tuple[str, ...]:
        """Landing page of a campaign link: the offered product, else the home page."""
        if campaign.line < 0:
            return ("/",)
        line = self.lines[campaign.line]
        if campaign.campaign_type == "cross_sell" and self.add_ons[line]:
            options = self.add_ons[line]
            return (f"/p/{options[draws.integers(len(options))]}",)
        return (f"/p/{self.devices[line][-1 if draws.random() < 0.4 else 1]}",)
