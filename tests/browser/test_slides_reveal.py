"""The exported slides in headless Chromium: slide 2 of the start page shows its heading,
the keyboard moves between slides, and the page makes no request to the internet."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from crmsim.slides.assets import copy_slide_assets
from crmsim.slides.export import chapter_title
from crmsim.slides.reveal_html import slides_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT / "notebooks" / "00-start-here.ipynb"
#: Playwright's limit for reveal.js to lay out the slides (milliseconds).
READY_TIMEOUT_MS = 30_000
#: The heading of the second slide.
HEADING_2 = "How to use the workbook"


@pytest.fixture(scope="module")
def slides(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The start page as HTML slides with their assets. The notebook is not run here (the
    whole export, run included, is tested in tests/test_slides_export.py)."""
    out = tmp_path_factory.mktemp("slides")
    notebook = nbformat.read(CHAPTER, as_version=4)
    page = slides_html(notebook, copy_slide_assets(out), chapter_title(notebook, CHAPTER.stem))
    html = out / f"{CHAPTER.stem}.html"
    html.write_text(page, encoding="utf-8")
    return html


def test_slide_two_shows_its_heading_and_the_page_stays_offline(slides, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(slides.as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=READY_TIMEOUT_MS)
    current = page.locator(".reveal .slides section.present:not(.stack)")
    expect(current.locator("h1")).to_contain_text("Start here")

    page.keyboard.press("ArrowRight")  # to the second slide
    expect(current.get_by_role("heading", level=2, name=HEADING_2)).to_be_visible()
    assert page.evaluate("Reveal.getIndices().h") == 1
    expect(page).to_have_url(re.compile(r"#/1$"))  # the address names the slide

    page.keyboard.press("ArrowLeft")
    expect(current.locator("h1")).to_contain_text("Start here")
    offline = [url for url in requests if not url.startswith(("file:", "data:", "about:"))]
    assert offline == []


def test_a_slide_addressed_by_its_number_opens_there(slides, page):
    page.goto(slides.as_uri() + "#/1")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=READY_TIMEOUT_MS)
    current = page.locator(".reveal .slides section.present:not(.stack)")
    heading = current.get_by_role("heading", level=2, name=HEADING_2)
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
