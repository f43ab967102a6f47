"""The contact-center control panel, driven from Python as a lecturer would with the mouse."""

from __future__ import annotations

import math

import pytest

from crmsim.scenario.classroom import classroom_scenario
from crmsim.sim import simulate
from crmsim.widgets import KPI_LABELS, ContactCenterPanel, format_kpi, panel_kpis


@pytest.fixture(scope="module")
def panel() -> ContactCenterPanel:
    return ContactCenterPanel(show_plots=False)


def test_more_agents_raise_the_service_level(panel: ContactCenterPanel) -> None:
    panel.set(agents=11)
    few = panel.kpis["service_level"]
    panel.set(agents=17)
    many = panel.kpis["service_level"]
    assert many > few + 0.1
    assert panel.controls["agents"].value == 17


def test_moving_a_slider_updates_the_kpi_markup(panel: ContactCenterPanel) -> None:
    panel.set(agents=12)
    before = panel.kpi_html.value
    panel.controls["agents"].value = 16  # what a slider drag does
    assert panel.kpi_html.value != before
    assert (
        f'data-kpi="service_level">{format_kpi("service_level", panel.kpis["service_level"])}'
        in (panel.kpi_html.value)
    )


def test_every_kpi_is_shown_with_its_label(panel: ContactCenterPanel) -> None:
    for key, label in KPI_LABELS.items():
        assert f'data-kpi="{key}"' in panel.kpi_html.value
        assert label.split(" (")[0] in panel.kpi_html.value


def test_same_settings_give_the_same_numbers(panel: ContactCenterPanel) -> None:
    panel.set(agents=13, calls_per_hour=200)
    first = dict(panel.kpis)
    panel.set(agents=14)
    panel.set(agents=13)
    assert panel.kpis == first


def test_vip_routing_lets_a_customers_wait_less() -> None:
    panel = ContactCenterPanel(agents=12, vip_routing=False, show_plots=False)
    equal = panel.kpis["asa_a_s"] / panel.kpis["asa_c_s"]
    panel.set(vip_routing=True)
    assert panel.kpis["asa_a_s"] < 0.5 * panel.kpis["asa_c_s"]
    assert 0.5 < equal < 2


def test_self_service_deflects_contacts_and_call_back_takes_callers() -> None:
    panel = ContactCenterPanel(agents=11, show_plots=False)
    assert panel.kpis["deflection"] == 0 and panel.kpis["callback_share"] == 0
    panel.set(self_service_share=0.4)
    assert 0.15 < panel.kpis["deflection"] < 0.35  # 40 % try it, 60 % of them succeed
    panel.set(self_service_share=0.0, callback=True)
    assert panel.kpis["callback_share"] > 0


def test_text_repr_lists_the_kpis_for_plain_output(panel: ContactCenterPanel) -> None:
    text = repr(panel)
    assert text.startswith("ContactCenterPanel(service_level=")
    bundle = panel._repr_mimebundle_()
    assert bundle["text/plain"] == text
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_unknown_control_is_named(panel: ContactCenterPanel) -> None:
    with pytest.raises(KeyError, match="unknown control"):
        panel.set(agent=3)


def test_plots_are_drawn_into_the_output_area() -> None:
    panel = ContactCenterPanel(agents=14)
    assert len(panel.plots.outputs) == 1
    assert panel.plots.outputs[0]["data"]["image/png"].startswith("iVBOR")  # a PNG


def test_cost_per_contact_adds_agent_hours_and_self_service() -> None:
    result = simulate(classroom_scenario(agents=10, open_hours=8), seed=1, days=1)
    kpis = panel_kpis(result, agent_cost_eur_per_hour=30.0)
    handled = int((result.contacts["agent_id"] >= 0).sum())
    on_duty = result.duty[result.duty["state"] == "on_duty"]
    agent_hours = (on_duty["end_min"] - on_duty["start_min"]).sum() / 60
    assert 80 <= agent_hours < 81  # eight hours each, plus finishing the last call
    assert kpis["cost_per_contact_eur"] == pytest.approx(agent_hours * 30.0 / handled)


def test_format_kpi_units() -> None:
    assert format_kpi("service_level", 0.8123) == "81.2 %"
    assert format_kpi("asa_s", 12.34) == "12.3 s"
    assert format_kpi("cost_per_contact_eur", 2.5) == "2.50 EUR"
    assert format_kpi("asa_s", math.nan) == "–"


def test_classroom_scenario_checks_its_arguments() -> None:
    from crmsim.errors import InputError

    with pytest.raises(InputError, match='"self_service_share" must be between 0 and 0.9'):
        classroom_scenario(self_service_share=1.0)
    with pytest.raises(InputError, match='"agents" must be an integer ≥ 1, got 0'):
        classroom_scenario(agents=0)
