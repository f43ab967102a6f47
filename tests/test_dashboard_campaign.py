"""The campaign-planner dashboard: A/B comparison of two campaigns, its notebook, and
``make demo DASH=name`` choosing the dashboard."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from crmsim.widgets import CampaignDashboard
from crmsim.widgets.dashboard_campaign import CAMPAIGN_FIGURES, campaign_comparison

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "dashboards" / "campaign-planner.ipynb"


@pytest.fixture(scope="module")
def dashboard() -> CampaignDashboard:
    return CampaignDashboard(customers=500, seed=3, quarter=2)


def test_no_comparison_until_a_campaign_is_frozen(dashboard):
    dashboard.clear_comparison()
    assert dashboard.comparison_html.value == ""
    assert dashboard.clear_button.disabled


def test_frozen_a_against_changed_b_shows_the_differences(dashboard):
    dashboard.planner.set(control_share=0.2, budget_eur=2000.0)
    dashboard.freeze()
    a = dashboard.frozen
    assert a == dashboard.planner.summary and not dashboard.clear_button.disabled
    dashboard.planner.set(control_share=0.5)  # a larger control group, fewer people contacted
    b = dashboard.planner.summary
    assert b.treated < a.treated
    table = campaign_comparison(a, b)
    assert list(table.index) == list(CAMPAIGN_FIGURES)
    assert table.loc["treated", "difference"] == b.treated - a.treated
    assert table.loc["uplift", "a"] == pytest.approx(a.uplift.value)
    assert table.loc["cost_eur", "difference"] == pytest.approx(b.cost_eur - a.cost_eur)
    markup = dashboard.comparison_html.value
    assert '<tr data-figure="treated">' in markup and "(Kaufquote Kontrollgruppe)" in markup
    assert f'<td class="crm-num">−{a.treated - b.treated:,}</td>' in markup
    dashboard.clear_comparison()
    assert dashboard.frozen is None and dashboard.comparison_html.value == ""


def test_every_compared_figure_names_its_german_term():
    for label, unit in CAMPAIGN_FIGURES.values():
        assert label.endswith(")") and " (" in label
        assert unit in {"count", "share", "EUR", "ratio"}


def test_comparison_keeps_missing_values_missing(dashboard):
    summary = dashboard.planner.summary
    empty = summary._replace(roi=math.nan)
    table = campaign_comparison(empty, summary)
    assert math.isnan(table.loc["roi", "difference"])


def test_dashboard_view_is_styled(dashboard):
    style, shown = dashboard.dashboard().children
    assert ".crm-campaign table { font-size: 22px" in style.value
    assert shown is dashboard.widget and "crm-campaign" in dashboard.widget._dom_classes


def test_notebook_only_assembles_and_is_committed_clean():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "markdown" and cells[0]["source"][0].startswith("# ")
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert len(code) == 1 and code[0]["outputs"] == [] and code[0]["execution_count"] is None
    source = "".join(code[0]["source"])
    assert "CampaignDashboard(" in source and ".dashboard()" in source and "def " not in source


@pytest.mark.parametrize(
    ("dash", "notebook"),
    [(None, "contact-center.ipynb"), ("campaign-planner", "campaign-planner.ipynb")],
)
def test_make_demo_serves_the_chosen_dashboard(dash, notebook):
    if shutil.which("make") is None:
        pytest.skip("'make' is not installed")
    command = ["make", "-n", "demo"] + ([f"DASH={dash}"] if dash else [])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    voila = next(line for line in done.stdout.splitlines() if "voila " in line)
    assert f"notebooks/dashboards/{notebook}" in voila.split()


def test_make_demo_names_the_dashboards_for_an_unknown_one():
    if shutil.which("make") is None:
        pytest.skip("'make' is not installed")
    done = subprocess.run(
        ["make", "demo", "DASH=nope", "DEMO_PORT=1"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "no dashboard 'nope'; DASH is one of: campaign-planner contact-center" in done.stderr
