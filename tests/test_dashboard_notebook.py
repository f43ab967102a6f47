"""The Voila dashboard notebook stays small, code-free on screen and nbval-friendly.

What it shows in a browser is checked in ``tests/browser/test_voila_dashboard.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = REPO_ROOT / "notebooks" / "dashboards" / "contact-center.ipynb"


def load_cells() -> list[dict]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def test_dashboard_has_a_title_an_instruction_and_at_most_four_cells():
    cells = load_cells()
    assert 3 <= len(cells) <= 4
    intro = cells[0]
    assert intro["cell_type"] == "markdown"
    title, _, rest = source(intro).partition("\n")
    assert title.startswith("# ")
    assert "slider" in rest.lower()


def test_code_cells_build_the_panel_and_ignore_their_widget_output():
    code = [cell for cell in load_cells() if cell["cell_type"] == "code"]
    assert code, "the dashboard has no code cell"
    for cell in code:
        assert source(cell).startswith("# NBVAL_IGNORE_OUTPUT\n"), source(cell)
    assert any("ContactCenterPanel(" in source(cell) for cell in code)
    assert any("<style>" in source(cell) for cell in code), "no large-font style block"


def test_dashboard_is_committed_without_outputs():
    for cell in load_cells():
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
