"""The Voila dashboard notebook stays small, code-free on screen and nbval-friendly.

What it shows in a browser is checked in ``tests/browser/test_voila_dashboard.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from crmsim.widgets import ContactCenterPanel
from crmsim.widgets.contact_center import DASHBOARD_CSS

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "notebooks" / "dashboards" / "contact-center.ipynb"


def load_cells() -> list[dict]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def test_dashboard_has_a_title_an_instruction_and_at_most_four_cells():
    cells = load_cells()
    assert 2 <= len(cells) <= 4
    intro = cells[0]
    assert intro["cell_type"] == "markdown"
    title, _, rest = source(intro).partition("\n")
    assert title.startswith("# ")
    assert "slider" in rest.lower()


def test_code_cells_build_the_panel_in_large_type_and_ignore_their_widget_output():
    code = [cell for cell in load_cells() if cell["cell_type"] == "code"]
    assert code, "the dashboard has no code cell"
    for cell in code:
        assert "nbval-ignore-output" in cell["metadata"].get("tags", []), source(cell)
        assert "NBVAL" not in source(cell) and "<style>" not in source(cell)
    assert any("StaffingDashboard(" in source(cell) for cell in code)
    assert any(".dashboard()" in source(cell) for cell in code)


def test_the_dashboard_view_carries_the_large_type_style() -> None:
    panel = ContactCenterPanel(agents=14, calls_per_hour=200, aht_min=3.0, seed=1)
    view = panel.dashboard()
    style, shown = view.children
    assert style.value == f"<style>{DASHBOARD_CSS}</style>"
    assert ".crm-dashboard .crm-kpis { font-size: 26px" in DASHBOARD_CSS
    assert shown is panel.widget and "crm-dashboard" in panel.widget._dom_classes


def test_dashboard_is_committed_without_outputs():
    for cell in load_cells():
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
