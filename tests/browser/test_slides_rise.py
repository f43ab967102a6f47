"""A chapter as live slides in JupyterLab (RISE, the ``/rise/`` page of jupyterlab-rise):
the slide layout committed in the notebook gives slide 2 its heading, and the page loads
nothing from the internet (MathJax comes from the server, not from a CDN)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/00-start-here.ipynb"
#: The heading of the second slide (the committed layout opens a slide at each ``##``).
HEADING_2 = "How to use the workbook"
#: Opening RISE: JupyterLab's code for the page, the notebook and reveal.js (milliseconds).
OPEN_TIMEOUT_MS = 60_000


def test_live_slides_show_the_heading_of_slide_two_offline(lab_server, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(lab_server.url(f"/rise/{NOTEBOOK}"), timeout=OPEN_TIMEOUT_MS)
    current = page.locator(".reveal .slides section.present:not(.stack)")
    expect(current.get_by_role("heading", level=1)).to_contain_text(
        "Start here", timeout=OPEN_TIMEOUT_MS
    )
    page.keyboard.press("ArrowRight")
    expect(current.get_by_role("heading", level=2, name=HEADING_2)).to_be_visible()
    offline = [url for url in requests if not url.startswith((lab_server.base_url, "data:"))]
    assert offline == []
