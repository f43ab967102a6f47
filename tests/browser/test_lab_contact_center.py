"""Chapter 03 in JupyterLab: run all cells, move the control panel's Agents slider one
step, and see the service level change in the KPI table."""

from __future__ import annotations

import pytest
from pages import (
    RUN_TIMEOUT_MS,
    code_cell,
    explained_by_lab_log,
    kpi,
    open_notebook,
    press_on_slider,
    run_menu,
    slider,
    slider_value,
    wait_for_output,
    wait_for_text_change,
)
from playwright.sync_api import expect
from servers import REPO_ROOT

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/03-contact-center.ipynb"


def percent(text: str) -> float:
    """``"87.3 %"`` → 87.3."""
    return float(text.replace("%", "").strip())


def test_agents_slider_changes_the_service_level(lab_server, page):
    assert (REPO_ROOT / NOTEBOOK).is_file(), f"the chapter notebook {NOTEBOOK} is missing"
    panel = open_notebook(page, lab_server, NOTEBOOK)
    run_menu(page, "Run All Cells")

    cell = code_cell(panel, "panel = ContactCenterPanel(")
    service_level = kpi(cell, "service_level")
    wait_for_output(service_level, cell, RUN_TIMEOUT_MS, "the control panel's service level")
    for key in ("asa_s", "abandon_rate", "occupancy"):
        expect(kpi(cell, key)).to_have_count(1)
    agents = slider(cell, "Agents")
    before_agents = int(slider_value(agents))
    before = service_level.inner_text().strip()

    press_on_slider(agents, "ArrowRight")

    expect(agents.locator(".widget-readout")).to_have_text(str(before_agents + 1))
    # Cells after the panel may still be running: the update waits its turn in the kernel.
    with explained_by_lab_log(page, "moving the Agents slider did not change the service level"):
        after = wait_for_text_change(service_level, before, RUN_TIMEOUT_MS)
    # Same callers (common random numbers), one more agent: nobody waits longer.
    assert percent(after) > percent(before), (before, after)
