"""The live dashboard in Voila: no code, large type, the control panel with live KPIs;
the Agents slider re-simulates; the kernel of a closed page is culled."""

from __future__ import annotations

import sys
import time

import pytest
from pages import (
    UPDATE_TIMEOUT_MS,
    kpi,
    press_on_slider,
    slider,
    slider_value,
    wait_for_text_change,
)
from playwright.sync_api import expect
from servers import REPO_ROOT

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import bench_browser

pytestmark = pytest.mark.browser

#: Voila runs the notebook before it sends the page: allow for a slow, shared machine.
PAGE_TIMEOUT_MS = 120_000
CULL_WAIT_S = 60.0


def open_dashboard(page, server):
    page.goto(server.url("/"), timeout=PAGE_TIMEOUT_MS)
    kpi(page, "service_level").wait_for(timeout=PAGE_TIMEOUT_MS)


def percent(text: str) -> float:
    return float(text.replace("%", "").strip())


def test_dashboard_shows_title_panel_and_kpis_without_code(voila_server, page):
    open_dashboard(page, voila_server)
    expect(page.locator("h1")).to_contain_text("Contact center live")
    for key in ("service_level", "asa_s", "abandon_rate", "occupancy"):
        expect(kpi(page, key)).to_have_count(1)
    assert slider_value(slider(page, "Agents")) == "14"
    text = page.locator("body").inner_text()
    assert "ContactCenterPanel" not in text
    assert "import " not in text
    expect(page.locator(".jp-InputArea-editor, .cm-editor")).to_have_count(0)
    # Large type for the lecture hall.
    kpi_px = kpi(page, "service_level").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    label_px = (
        slider(page, "Agents")
        .locator(".widget-label")
        .evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )
    assert kpi_px >= 24
    assert label_px >= 18


def test_agents_slider_changes_the_service_level(voila_server, page):
    open_dashboard(page, voila_server)
    agents = slider(page, "Agents")
    before = kpi(page, "service_level").inner_text().strip()

    press_on_slider(agents, "ArrowRight")

    expect(agents.locator(".widget-readout")).to_have_text("15")
    after = wait_for_text_change(kpi(page, "service_level"), before, UPDATE_TIMEOUT_MS)
    assert percent(after) > percent(before), (before, after)


def test_latency_measurement_runs_in_the_dashboard(voila_server, page):
    open_dashboard(page, voila_server)
    samples = bench_browser.measure_slider_latency(page, moves=2, settle_s=0.5)
    assert len(samples) == 2
    for sample in samples:
        assert 0 < sample.to_dom_ms <= sample.to_frame_ms
        assert sample.old_text != sample.new_text


def test_kernel_of_a_closed_page_is_culled(voila_server, browser):
    earlier = {kernel.pid for kernel in voila_server.kernel_processes()}
    context = browser.new_context()
    try:
        page = context.new_page()
        open_dashboard(page, voila_server)
        mine = {kernel.pid for kernel in voila_server.kernel_processes()} - earlier
        assert mine, "Voila started no kernel for the page"
        page.close()
        deadline = time.monotonic() + CULL_WAIT_S
        while time.monotonic() < deadline and running(voila_server, mine):
            time.sleep(0.5)
    finally:
        context.close()
    assert not running(voila_server, mine), (
        f"the page's kernel still runs {CULL_WAIT_S:.0f} s after the page closed:\n"
        f"{voila_server.log_tail()}"
    )


def running(server, pids: set[int]) -> set[int]:
    """Those of ``pids`` that are still kernels of ``server``."""
    return pids & {kernel.pid for kernel in server.kernel_processes()}
