"""An executed chapter as reveal.js slides in one HTML file (nbconvert's slides exporter).

The page loads reveal.js and MathJax from the local ``assets/`` folder
(:mod:`crmsim.slides.assets`), never from the internet: the template below replaces the
parts of nbconvert's reveal template that point at public servers (jQuery, RequireJS,
Mermaid, the widget manager, MathJax, reveal.js itself). Widgets are shown as their last
static state (:mod:`crmsim.slides.static_widgets`), prompts are left out, and each heading
opens a slide (:mod:`crmsim.slides.layout`).
"""

from __future__ import annotations

import copy
from typing import Any

from crmsim.slides.assets import SlideAssets
from crmsim.slides.layout import apply_slide_layout, split_for_slides
from crmsim.slides.static_widgets import STATIC_WIDGET_CSS, freeze_widget_outputs

#: The name of the template below for nbconvert's loader.
TEMPLATE_NAME = "crmsim_offline_slides.html.j2"
#: Slide size (pixels) that reveal.js scales to the window or the PDF page.
SLIDE_WIDTH = 1280
SLIDE_HEIGHT = 720
#: Layout on slides: tall slides scroll on screen instead of being cut off.
SLIDE_CSS = """
.reveal .slides section { text-align: left; }
.reveal .slides > section, .reveal .slides > section > section {
  max-height: 100%; overflow-y: auto; }
html.reveal-print .reveal .slides section { max-height: none; overflow: visible; }
.reveal .jp-Mermaid pre { font-size: 0.6em; }
"""

OFFLINE_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js_jquery -%}{%- endblock html_head_js_jquery -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
            displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
            processEscapes: true, processEnvironments: true},
  'HTML-CSS': {availableFonts: ['STIX-Web'], preferredFont: 'STIX-Web',
               webFont: 'STIX-Web', imageFont: null},
  SVG: {font: 'STIX-Web'},
  displayAlign: 'center', messageStyle: 'none', showMathMenu: false
});
</script>
<script src="{{ resources.crmsim.mathjax_script }}"></script>
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style type="text/css">{{ resources.crmsim.css }}</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script>
// Printing (?print-pdf): headless Chromium need not draw frames, so reveal.js's wait for
// the next animation frame before laying out the pages could last past the print.
if (/print-pdf/i.test(window.location.search)) {
  window.requestAnimationFrame = function (callback) {
    return window.setTimeout(function () { callback(Date.now()); }, 16);
  };
}
</script>
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, hash: true, center: false,
  transition: "{{ resources.reveal.transition }}",
  slideNumber: "{{ resources.reveal.number }}",
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
  pdfSeparateFragments: false,
  plugins: [RevealNotes]
});
Reveal.on('slidechanged', function (event) {
  if (window.MathJax && MathJax.Hub) {
    MathJax.Hub.Queue(['Rerender', MathJax.Hub, event.currentSlide]);
  }
});
</script>
{% endblock footer_js %}
"""


def slides_notebook(executed: Any) -> Any:
    """A copy of the ``executed`` notebook prepared for slides: widgets frozen to static
    HTML, markdown split at headings and long prose, slide types set from the headings."""
    notebook = copy.deepcopy(executed)
    freeze_widget_outputs(notebook)
    split_for_slides(notebook)
    apply_slide_layout(notebook)
    return notebook


def slides_html(executed: Any, assets: SlideAssets, title: str) -> str:
    """The ``executed`` notebook as one reveal.js HTML page that loads only local ``assets``.

    Parameters
    ----------
    executed
        The notebook after running (outputs and ``metadata.widgets`` as nbclient leaves them).
    assets
        Where the page finds reveal.js and MathJax, relative to the HTML file.
    title
        The page title (the chapter's name).
    """
    from jinja2 import DictLoader
    from nbconvert.exporters import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({TEMPLATE_NAME: OFFLINE_TEMPLATE})],
        template_file=TEMPLATE_NAME,
        reveal_url_prefix=assets.reveal_prefix,
        reveal_theme="white",
        reveal_transition="none",
        reveal_number="c/t",
        reveal_width=str(SLIDE_WIDTH),
        reveal_height=str(SLIDE_HEIGHT),
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    notebook = slides_notebook(executed)
    notebook.metadata["title"] = title
    resources = {
        "crmsim": {
            "mathjax_script": assets.mathjax_script,
            "css": STATIC_WIDGET_CSS + SLIDE_CSS,
        }
    }
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return str(body)


__all__ = ["OFFLINE_TEMPLATE", "SLIDE_HEIGHT", "SLIDE_WIDTH", "slides_html", "slides_notebook"]
