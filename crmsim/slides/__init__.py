"""The chapters as slides: layout from the headings, and an offline export to HTML and PDF.

:mod:`crmsim.slides.layout` sets each cell's ``metadata.slideshow.slide_type`` (RISE in
JupyterLab shows the chapters with it); :mod:`crmsim.slides.export` runs a chapter and
writes reveal.js slides that need no internet, and a PDF printed by Chromium.
"""

from __future__ import annotations

from crmsim.slides.layout import apply_slide_layout, slide_types, split_for_slides

__all__ = ["apply_slide_layout", "slide_types", "split_for_slides"]
