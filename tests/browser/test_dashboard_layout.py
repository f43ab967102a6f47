"""The live dashboard on a projector's screen sizes: screenshots, element positions, type size,
and the time from a slider move to new KPIs and to a new plot (printed, not asserted).

Sizes: 1920 × 1080, 1366 × 768 and 1280 × 720 at 100 %, and 1920 × 1080 at 150 % zoom
(a 1280 × 720 CSS viewport drawn with 1.5 device pixels per CSS pixel).
"""

from __future__ import annotations

import re
import statistics
import struct
import time

import pytest
from pages import kpi, slider
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 30_000
#: name → (CSS width, CSS height, device pixels per CSS pixel)
SIZES = {
    "1920x1080": (1920, 1080, 1.0),
    "1366x768": (1366, 768, 1.0),
    "1280x720": (1280, 720, 1.0),
    "1920x1080-zoom150": (1280, 720, 1.5),
}

# Bounding boxes (CSS pixels) of the parts the lecturer needs, the page's scroll width,
# and the smallest plot text as drawn: SVG font size × the SVG's on-screen scale.
_MEASURE = """
() => {
  const box = (selector) => {
    const element = document.querySelector(selector);
    if (!element) { return null; }
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + window.scrollY,
            bottom: r.bottom + window.scrollY, width: r.width, height: r.height};
  };
  let smallest = Infinity;
  for (const svg of document.querySelectorAll('.crm-plot svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * scale);
    }
  }
  return {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    controls: box('.crm-controls'),
    kpis: box('.crm-kpis'),
    curve: box('[data-plot="curve"] svg'),
    day: box('[data-plot="day"] svg'),
    smallestPlotTextPx: smallest,
  };
}
"""

# Before a key press: note the key-down time, then watch (each animation frame) for the
# service level's new text and for a new curve plot (the old one carries a mark).
_ARM = """
() => {
  const kpi = 'span.crm-kpi[data-kpi="service_level"]';
  const plot = '[data-plot="curve"]';
  document.querySelector(plot).dataset.stale = '1';
  const probe = {old: document.querySelector(kpi).textContent.trim(), pressedAt: null,
                 kpiAt: null, plotAt: null};
  window.__probe = probe;
  document.addEventListener('keydown', () => { probe.pressedAt = performance.now(); },
                            {capture: true, once: true});
  const watch = () => {
    const now = performance.now();
    const span = document.querySelector(kpi);
    if (probe.pressedAt !== null && probe.kpiAt === null && span &&
        span.textContent.trim() !== probe.old) { probe.kpiAt = now; }
    const shown = document.querySelector(plot);
    if (probe.pressedAt !== null && probe.plotAt === null && shown && !shown.dataset.stale) {
      probe.plotAt = now;
    }
    if (probe.kpiAt === null || probe.plotAt === null) { requestAnimationFrame(watch); }
  };
  requestAnimationFrame(watch);
}
"""


def open_dashboard(page, server) -> None:
    page.goto(server.url("/"), timeout=PAGE_TIMEOUT_MS)
    kpi(page, "service_level").wait_for(timeout=PAGE_TIMEOUT_MS)
    page.locator('[data-plot="day"] svg').wait_for(timeout=PAGE_TIMEOUT_MS)


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as image:
        header = image.read(24)
    return struct.unpack(">II", header[16:24])


def inside(box: dict, viewport: float) -> bool:
    return box is not None and box["width"] > 0 and box["left"] >= 0 and box["right"] <= viewport


@pytest.mark.parametrize("size", list(SIZES))
def test_layout_at_lecture_hall_sizes(voila_server, browser, tmp_path_factory, size):
    width, height, scale = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    try:
        page = context.new_page()
        open_dashboard(page, voila_server)
        shown = page.evaluate(_MEASURE)
        shot = tmp_path_factory.mktemp("dashboard") / f"{size}.png"
        page.screenshot(path=shot)
        pixels = png_size(shot)
    finally:
        context.close()
    print(
        f"\n{size}: screenshot {pixels[0]}x{pixels[1]} px at {shot}; "
        f"controls {shown['controls']}, kpis {shown['kpis']}, curve {shown['curve']}, "
        f"day {shown['day']}; smallest plot text {shown['smallestPlotTextPx']:.1f} px"
    )
    assert pixels == (round(width * scale), round(height * scale))
    viewport = shown["viewport"]
    assert shown["scrollWidth"] <= viewport + 1, "the page scrolls sideways"
    for part in ("controls", "kpis", "curve", "day"):
        assert inside(shown[part], viewport), (part, shown[part], viewport)
    curve, day = shown["curve"], shown["day"]
    if size == "1920x1080":
        assert shown["smallestPlotTextPx"] >= 18
        # Controls, KPIs and the staffing curve side by side, all on the first screen.
        assert shown["kpis"]["left"] >= shown["controls"]["right"]
        assert curve["left"] >= shown["kpis"]["right"] and curve["bottom"] <= height
    if size in ("1366x768", "1280x720"):
        assert shown["kpis"]["left"] >= shown["controls"]["right"]
        assert day["top"] >= curve["bottom"] - 1
    if size == "1920x1080-zoom150":
        assert day["top"] >= curve["bottom"] - 1  # the plots stack instead of cutting off


def test_slider_to_kpi_and_plot_latency(voila_server, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_dashboard(page, voila_server)
    results = {}
    for name, moves in (("Agents", 8), ("Calls per hour", 4)):
        handle = slider(page, name).locator(".noUi-handle")
        to_kpi, to_plot = [], []
        for move in range(moves):
            time.sleep(1.0)
            page.evaluate(_ARM)
            handle.focus()
            handle.press("ArrowRight" if move % 2 == 0 or name != "Agents" else "ArrowLeft")
            page.wait_for_function(
                "() => window.__probe.kpiAt !== null && window.__probe.plotAt !== null",
                timeout=UPDATE_TIMEOUT_MS,
            )
            probe = page.evaluate("() => window.__probe")
            to_kpi.append(probe["kpiAt"] - probe["pressedAt"])
            to_plot.append(probe["plotAt"] - probe["pressedAt"])
        results[name] = (to_kpi, to_plot)
    for name, (to_kpi, to_plot) in results.items():
        print(
            f"\n{name} slider, {len(to_kpi)} moves: to KPI median "
            f"{statistics.median(to_kpi):.0f} ms, p95 {percentile(to_kpi, 95):.0f} ms; "
            f"to plot median {statistics.median(to_plot):.0f} ms, "
            f"p95 {percentile(to_plot, 95):.0f} ms"
        )
        assert all(0 < k <= p for k, p in zip(to_kpi, to_plot, strict=True))


def percentile(values: list[float], share: float) -> float:
    """The ``share``-th percentile (linear interpolation between the nearest ranks)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def test_freeze_compare_language_and_preset_in_the_browser(voila_server, page):
    open_dashboard(page, voila_server)
    page.locator("button.widget-button", has_text="Freeze as A").click()
    page.locator('span.crm-kpi-a[data-kpi="service_level"]').wait_for(timeout=UPDATE_TIMEOUT_MS)
    handle = slider(page, "Agents").locator(".noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    difference = page.locator('span.crm-kpi-diff[data-kpi="service_level"]')
    expect(difference).to_have_text(re.compile(r"^\+\d+\.\d pp$"), timeout=UPDATE_TIMEOUT_MS)
    expect(page.locator('[data-plot="curve-a"] svg')).to_have_count(1)

    page.locator("button.widget-toggle-button", has_text="Deutsch").click()
    expect(slider(page, "Agenten")).to_have_count(1, timeout=UPDATE_TIMEOUT_MS)
    expect(page.locator(".crm-kpis")).to_contain_text("Servicegrad (Service level)")

    page.locator(".widget-dropdown select").select_option("ADAC telematics center")
    expect(slider(page, "Agenten").locator(".widget-readout")).to_have_text(
        "12", timeout=UPDATE_TIMEOUT_MS
    )
