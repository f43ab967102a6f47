"""The dashboard's style sheet: large type for a lecture hall, a layout that wraps on small screens.

The controls, the KPI table and the plots sit side by side as long as there is room
and wrap onto the next line when there is not; below 1400 CSS pixels (1366 × 768,
1280 × 720, or 1920 × 1080 at 150 % zoom) every plot takes a line of its own. Nothing
grows wider than the page, so nothing needs horizontal scrolling.
"""

from __future__ import annotations

__all__ = ["STAFFING_DASHBOARD_CSS"]

#: Style of :class:`~crmsim.widgets.dashboard_panel.StaffingDashboard` (class ``crm-dash``).
STAFFING_DASHBOARD_CSS = """
body[data-voila] .jp-RenderedMarkdown h1 { font-size: 36px; margin: 4px 0; }
body[data-voila] .jp-RenderedMarkdown p { font-size: 20px; line-height: 1.4; }
body[data-voila] { overflow-x: hidden; }
.crm-dash { --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 36px;
  max-width: 100%; box-sizing: border-box; }
.crm-dash .widget-label, .crm-dash .widget-readout, .crm-dash .widget-button,
.crm-dash .widget-text input, .crm-dash select, .crm-dash .widget-toggle-button,
.crm-dash .widget-checkbox label { font-size: 18px; }
.crm-dash.crm-row, .crm-dash .crm-row { display: flex; flex-flow: row wrap; gap: 12px 28px;
  align-items: flex-start; max-width: 100%; }
.crm-dash .crm-controls { flex: 0 1 560px; min-width: 0; max-width: 100%; }
.crm-dash .crm-kpi-box { flex: 0 1 auto; min-width: 0; max-width: 100%; }
.crm-dash .crm-kpis { font-size: 24px; line-height: 1.45; border-collapse: collapse; }
.crm-dash .crm-kpis th { text-align: right; padding-left: 1em; }
.crm-dash .crm-kpis td { padding-right: 0.8em; }
.crm-dash .crm-num { text-align: right; white-space: nowrap; }
.crm-dash .crm-kpi { font-weight: bold; }
.crm-dash .crm-term { display: block; font-size: 17px; color: #444; line-height: 1.1; }
.crm-dash .crm-kpis td { padding-bottom: 4px; }
.crm-dash .crm-kpi-a { color: #555; }
.crm-dash .crm-explain { font-size: 18px; max-width: 900px; }
.crm-dash .crm-error { color: #b00020; font-size: 18px; }
.crm-dash .crm-plot { max-width: 100%; }
.crm-dash .crm-plot svg { display: block; max-width: 100%; height: auto; }
.crm-dash .crm-plot-caption { font-size: 20px; font-weight: bold; }
@media (max-width: 1400px) {
  .crm-dash > .crm-plot-box { flex: 1 1 100%; }
}
"""
