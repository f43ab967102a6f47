"""Widgets as static HTML: what a panel last showed, for slides that run without a kernel.

An executed notebook (``nbclient`` with ``store_widget_state``) keeps the last state of every
widget in ``metadata.widgets``. :func:`freeze_widget_outputs` replaces each widget view in
the cells' outputs by HTML built from that state: the boxes laid out as rows and columns,
HTML and labels as they were, each control as its label and value (``Agents: 14``), and the
last outputs of ``Output`` widgets, figures included as PNG images. The result needs no
JavaScript, so it shows in a static export and in a PDF.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

#: The output type of a widget view, and of the saved widget state.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: Styles of the static panels (class names start with ``crm-static``).
STATIC_WIDGET_CSS = """
.crm-static-row { display: flex; flex-flow: row wrap; gap: 0.6em; align-items: flex-start; }
.crm-static-column { display: flex; flex-direction: column; gap: 0.3em; }
.crm-static-control { display: inline-block; padding: 0.1em 0.5em; border: 1px solid #bbb;
  border-radius: 4px; background: #f4f4f4; font-size: 0.8em; }
.crm-static-button { display: inline-block; padding: 0.1em 0.6em; border: 1px solid #999;
  border-radius: 4px; background: #e8e8e8; font-size: 0.8em; }
.crm-static-panel img { max-width: 100%; height: auto; }
"""

_BOXES = {"VBoxModel": "column", "HBoxModel": "row", "BoxModel": "row", "GridBoxModel": "row"}
_SELECTED_CHILD = {"TabModel", "StackModel", "AccordionModel"}
_TEXT = {"HTMLModel", "HTMLMathModel"}
_BUTTONS = {"ButtonModel", "ToggleButtonModel"}
_INVISIBLE = {"LayoutModel", "DescriptionStyleModel", "ButtonStyleModel"}
_MODEL_PREFIX = "IPY_MODEL_"


def _model_id(reference: object) -> str:
    return str(reference).removeprefix(_MODEL_PREFIX)


def _hidden(state: Mapping[str, Any], models: Mapping[str, Any]) -> bool:
    """Whether the widget's layout hides it (``display: none`` or ``visibility: hidden``)."""
    layout = models.get(_model_id(state.get("layout", "")), {}).get("state", {})
    return layout.get("display") == "none" or layout.get("visibility") == "hidden"


def _control_value(state: Mapping[str, Any]) -> str:
    """The value of a control as a reader sees it."""
    labels = state.get("_options_labels")
    index = state.get("index")
    if labels is not None:
        if isinstance(index, list | tuple):
            return ", ".join(str(labels[i]) for i in index)
        return "" if index is None else str(labels[index])
    value = state.get("value")
    if isinstance(value, bool):
        return "☑" if value else "☐"
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value[0]}–{value[1]}"
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def render_output(output: Mapping[str, Any], models: Mapping[str, Any]) -> str:
    """One cell output (as stored in a notebook or an ``Output`` widget) as static HTML."""
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return render_widget(data[WIDGET_VIEW].get("model_id", ""), models)
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"].strip()}" alt="figure">'
    if "image/svg+xml" in data:
        return str(data["image/svg+xml"])
    if "text/html" in data:
        return str(data["text/html"])
    if "text/plain" in data:
        return f"<pre>{html.escape(str(data['text/plain']))}</pre>"
    return ""


def render_widget(model_id: str, models: Mapping[str, Any]) -> str:
    """The widget ``model_id`` (and its children) as static HTML, from the saved ``models``
    (``metadata.widgets[WIDGET_STATE]["state"]``); ``""`` for unknown or hidden widgets."""
    model = models.get(_model_id(model_id))
    if model is None:
        return ""
    name = model.get("model_name", "")
    state = model.get("state", {})
    if name in _INVISIBLE or name.endswith("StyleModel") or _hidden(state, models):
        return ""
    children = [_model_id(child) for child in state.get("children", [])]
    if name in _BOXES:
        inner = "".join(render_widget(child, models) for child in children)
        return f'<div class="crm-static-{_BOXES[name]}">{inner}</div>'
    if name in _SELECTED_CHILD:
        index = state.get("selected_index")
        titles = state.get("titles", [])
        if index is None or not 0 <= index < len(children):
            return ""
        title = titles[index] if index < len(titles) and titles[index] else ""
        heading = f"<strong>{html.escape(title)}</strong>" if title else ""
        shown = render_widget(children[index], models)
        return f'<div class="crm-static-column">{heading}{shown}</div>'
    if name == "OutputModel":
        inner = "".join(render_output(output, models) for output in state.get("outputs", []))
        return f'<div class="crm-static-column">{inner}</div>'
    if name in _TEXT:
        return f"<div>{state.get('value', '')}</div>"
    if name == "LabelModel":
        return f"<span>{html.escape(str(state.get('value', '')))}</span>"
    if name in _BUTTONS:
        text = state.get("description", "") or state.get("tooltip", "")
        return f'<span class="crm-static-button">{html.escape(str(text))}</span>'
    if "value" in state or "index" in state:
        label = str(state.get("description", "")).strip()
        text = f"{label} {_control_value(state)}" if label else _control_value(state)
        return f'<span class="crm-static-control">{html.escape(text)}</span>'
    return ""


def freeze_widget_outputs(notebook: Any) -> int:
    """Replace every widget view in ``notebook``'s outputs by its static HTML (in place).

    The output keeps its ``text/plain`` and gains ``text/html``; the widget view and the
    saved widget state are removed, so no exporter tries to load widget JavaScript.
    Returns how many widget views were replaced.
    """
    saved = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    models = saved.get("state", {})
    replaced = 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            static = render_widget(data[WIDGET_VIEW].get("model_id", ""), models)
            del data[WIDGET_VIEW]
            data["text/html"] = f'<div class="crm-static-panel">{static}</div>'
            replaced += 1
    notebook.get("metadata", {}).pop("widgets", None)
    return replaced


__all__ = [
    "STATIC_WIDGET_CSS",
    "WIDGET_STATE",
    "WIDGET_VIEW",
    "freeze_widget_outputs",
    "render_output",
    "render_widget",
]
