"""Widgets frozen to static HTML: from a hand-made widget state, and from a real run."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat

from crmsim.slides.export import run_notebook
from crmsim.slides.static_widgets import (
    WIDGET_STATE,
    WIDGET_VIEW,
    freeze_widget_outputs,
    render_output,
    render_widget,
)

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()


def model(name: str, **state: object) -> dict[str, object]:
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}


def ref(model_id: str) -> str:
    return f"IPY_MODEL_{model_id}"


MODELS = {
    "panel": model("VBoxModel", children=[ref("controls"), ref("kpis"), ref("plot")]),
    "controls": model(
        "HBoxModel", children=[ref("agents"), ref("aht"), ref("mode"), ref("vip"), ref("gone")]
    ),
    "agents": model("IntSliderModel", description="Agents", value=14, layout=ref("shown")),
    "aht": model("FloatSliderModel", description="AHT (min)", value=3.5),
    "mode": model("DropdownModel", description="Model", index=1, _options_labels=["C", "A"]),
    "vip": model("CheckboxModel", description="VIP routing", value=True),
    "gone": model("IntSliderModel", description="Hidden", value=1, layout=ref("hidden")),
    "shown": model("LayoutModel", display=None),
    "hidden": model("LayoutModel", display="none"),
    "kpis": model("HTMLModel", value="<table><tr><td>Service level</td><td>80 %</td></tr></table>"),
    "plot": model(
        "OutputModel",
        outputs=[
            {"output_type": "stream", "name": "stdout", "text": "a <note>\n"},
            {"output_type": "display_data", "data": {"image/png": PNG, "text/plain": "<Figure>"}},
        ],
    ),
    "tabs": model(
        "TabModel", children=[ref("kpis"), ref("plot")], titles=["KPIs", "Plot"], selected_index=0
    ),
    "go": model("ButtonModel", description="New day"),
}


def test_a_panel_renders_its_controls_html_and_last_figure_in_order() -> None:
    static = render_widget(ref("panel"), MODELS)
    for piece in (
        "Agents 14",
        "AHT (min) 3.5",
        "Model A",
        "VIP routing ☑",
        "<td>80 %</td>",
        "a &lt;note&gt;",
        f'src="data:image/png;base64,{PNG}"',
    ):
        assert piece in static, piece
    assert "Hidden" not in static
    assert static.index("Agents 14") < static.index("<td>80 %</td>") < static.index("data:image")
    assert static.startswith('<div class="crm-static-column"><div class="crm-static-row">')


def test_tabs_show_their_selected_child_buttons_their_label_unknown_models_nothing() -> None:
    tabs = render_widget("tabs", MODELS)
    assert "<strong>KPIs</strong>" in tabs and "Service level" in tabs and "image/png" not in tabs
    assert "New day" in render_widget("go", MODELS)
    assert render_widget("missing", MODELS) == ""
    assert render_widget("shown", MODELS) == ""


def test_plain_outputs_render_by_their_richest_static_type() -> None:
    assert render_output({"output_type": "display_data", "data": {"text/plain": "1 < 2"}}, {}) == (
        "<pre>1 &lt; 2</pre>"
    )
    svg = {"output_type": "display_data", "data": {"image/svg+xml": "<svg/>", "text/plain": "x"}}
    assert render_output(svg, {}) == "<svg/>"


def test_freeze_replaces_widget_views_and_drops_the_saved_state() -> None:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("panel")
    view = {"model_id": "panel", "version_major": 2, "version_minor": 0}
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: view, "text/plain": "VBox(children=...)"}
        )
    ]
    notebook.cells = [cell]
    notebook.metadata["widgets"] = {WIDGET_STATE: {"state": MODELS}}
    assert freeze_widget_outputs(notebook) == 1
    data = notebook.cells[0].outputs[0]["data"]
    assert WIDGET_VIEW not in data and "Agents 14" in data["text/html"]
    assert data["text/plain"] == "VBox(children=...)"
    assert "widgets" not in notebook.metadata


def test_a_real_run_keeps_the_last_slider_value_and_the_figure_drawn_into_an_output(
    tmp_path: Path,
) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as widgets\n"
            "import matplotlib.pyplot as plt\n"
            "slider = widgets.IntSlider(description='Agents', value=10)\n"
            "out = widgets.Output()\n"
            "widgets.VBox([slider, out])"
        ),
        nbformat.v4.new_code_cell(
            "slider.value = 14\n"
            "with out:\n"
            "    fig, ax = plt.subplots(figsize=(2, 2))\n"
            "    ax.plot([0, 1], [0, slider.value])\n"
            "    plt.show()"
        ),
        nbformat.v4.new_code_cell("import os\nprint(os.environ['CRMSIM_DATA_DIR'])"),
    ]
    path = tmp_path / "panel.ipynb"
    nbformat.write(notebook, path)
    executed = run_notebook(path)
    assert freeze_widget_outputs(executed) == 1
    static = executed.cells[0].outputs[0]["data"]["text/html"]
    assert "Agents 14" in static and "Agents 10" not in static
    assert 'src="data:image/png;base64,iVBOR' in static
    data_dir = Path(executed.cells[2].outputs[0]["text"].strip())
    assert data_dir.name.startswith("crmsim-export-")  # never the learner's progress store
    assert not data_dir.exists()  # removed after the run
