"""Slide layout of a chapter, decided from its headings (RISE and nbconvert's reveal.js export).

Each cell gets ``metadata.slideshow.slide_type``, one of the values RISE and nbconvert read:

``"slide"``
    a markdown cell that opens with a ``#`` or ``##`` heading, or has one further down:
    a new topic, a new horizontal slide;
``"subslide"``
    a markdown cell that opens with a ``###`` (or deeper) heading; also any cell that
    would overfill the slide it belongs to, and every long code cell (a vertical slide);
``"fragment"``
    the explanation right after a code cell: the result is shown first, its reading
    appears on the next key press, on the same slide;
``"skip"``
    the navigation footer (cells tagged ``navigation``) and empty cells;
``"-"``
    everything else: the cell continues the slide before it.

How full a slide is, is estimated in screen lines (:func:`estimated_lines`): wrapped prose
lines, code lines, and a fixed allowance for a code cell's output. The layout depends
only on the cells' sources and tags, so running it twice changes nothing.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

#: The slide types (``metadata.slideshow.slide_type``) RISE and nbconvert know.
SLIDE = "slide"
SUBSLIDE = "subslide"
FRAGMENT = "fragment"
SKIP = "skip"
CONTINUE = "-"
SLIDE_TYPES = (SLIDE, SUBSLIDE, FRAGMENT, SKIP, CONTINUE, "notes")

#: Screen lines a 960 × 700 slide holds at the export's 20 px text (estimate).
LINES_PER_SLIDE = 22
#: Characters per screen line of prose at that size (estimate).
CHARS_PER_LINE = 80
#: Code cells with more source lines than this get a vertical slide of their own.
LONG_CODE_LINES = 12
#: Screen lines allowed for a code cell's output: a figure, or a table or a few numbers.
FIGURE_OUTPUT_LINES = 12
TEXT_OUTPUT_LINES = 4
#: Cells with this tag are navigation, not content: left out of the slides.
NAVIGATION_TAG = "navigation"

#: Teaching chapters: ``NN-name.ipynb`` in this folder.
CHAPTER_FOLDER = "notebooks"
_CHAPTER_NAME = re.compile(r"^\d\d-.+\.ipynb$")
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
_PLOTTING = re.compile(r"\bax\s*=|\bfig\s*=|\bplot|\.hist\(|\bPanel\(|display\(")


def is_slide_chapter(path: Path) -> bool:
    """Whether ``path`` is a teaching chapter shown as slides: ``notebooks/NN-name.ipynb``.

    >>> is_slide_chapter(Path("notebooks/03-contact-center.ipynb"))
    True
    >>> is_slide_chapter(Path("exercises/03-contact-center.ipynb"))
    False
    """
    return path.parent.name == CHAPTER_FOLDER and bool(_CHAPTER_NAME.match(path.name))


class Heading(NamedTuple):
    """A markdown heading: its level (1 for ``#``) and the line number in the cell (from 0)."""

    level: int
    line: int


def headings(markdown: str) -> list[Heading]:
    """The ATX headings of ``markdown``, outside fenced code blocks.

    >>> headings("# Title\\ntext\\n```\\n# a comment\\n```\\n### Detail")
    [Heading(level=1, line=0), Heading(level=3, line=5)]
    """
    found = []
    in_fence = False
    for number, line in enumerate(markdown.splitlines()):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match:
            found.append(Heading(len(match.group(1)), number))
    return found


def _opening_heading(markdown: str) -> Heading | None:
    """The heading on the first non-blank line of ``markdown``, if it starts with one."""
    lines = markdown.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    found = headings(markdown)
    return found[0] if found and found[0].line == first else None


def estimated_lines(cell: Any) -> int:
    """Screen lines ``cell`` takes on a slide (an estimate, in lines of 20 px text).

    Markdown: each source line wrapped at :data:`CHARS_PER_LINE` characters (a blank line
    counts one). Code: one line per source line plus its output, either a figure
    (:data:`FIGURE_OUTPUT_LINES`) or text (:data:`TEXT_OUTPUT_LINES`), judged from the code.
    """
    lines = cell.get("source", "").splitlines()
    if cell.get("cell_type") != "code":
        return sum(max(1, math.ceil(len(line) / CHARS_PER_LINE)) for line in lines)
    output = FIGURE_OUTPUT_LINES if _PLOTTING.search(cell["source"]) else TEXT_OUTPUT_LINES
    return len(lines) + output


def _is_skipped(cell: Any) -> bool:
    tags = cell.get("metadata", {}).get("tags", [])
    return NAVIGATION_TAG in tags or not cell.get("source", "").strip()


def slide_types(cells: Sequence[Any]) -> list[str]:
    """The slide type of each of ``cells`` (notebook cells, dicts with ``cell_type``,
    ``source`` and ``metadata``), by the rules in the module docstring.

    >>> md = lambda text: {"cell_type": "markdown", "source": text, "metadata": {}}
    >>> code = lambda text: {"cell_type": "code", "source": text, "metadata": {}}
    >>> slide_types([md("# Title"), md("## Topic\\nwhy"), code("x = 1"), md("x is one"),
    ...              md("### Detail")])
    ['slide', 'slide', '-', 'fragment', 'subslide']
    """
    types = []
    used = 0  # screen lines on the current (sub)slide
    previous_kind = None
    for cell in cells:
        if _is_skipped(cell):
            types.append(SKIP)
            continue
        size = estimated_lines(cell)
        kind = _slide_type(cell, used, size, previous_kind)
        used = size if kind in (SLIDE, SUBSLIDE) else used + size
        types.append(kind)
        previous_kind = cell["cell_type"]
    return types


def _slide_type(cell: Any, used: int, size: int, previous_kind: str | None) -> str:
    """The slide type of a cell that is shown: ``used`` lines are on the current slide,
    the cell takes ``size`` lines, and comes after a cell of type ``previous_kind``."""
    source = cell["source"]
    if cell["cell_type"] == "markdown":
        if any(heading.level <= 2 for heading in headings(source)):
            return SLIDE
        if _opening_heading(source) is not None:
            return SUBSLIDE
    long_code = cell["cell_type"] == "code" and len(source.splitlines()) > LONG_CODE_LINES
    if long_code or (used > 0 and used + size > LINES_PER_SLIDE):
        return SUBSLIDE
    if cell["cell_type"] == "markdown" and previous_kind == "code":
        return FRAGMENT
    return CONTINUE


def apply_slide_layout(notebook: Any) -> bool:
    """Set ``metadata.slideshow.slide_type`` of every cell of ``notebook`` (in place).

    Returns whether anything changed. Other keys of ``metadata.slideshow`` are kept.
    """
    changed = False
    for cell, kind in zip(notebook["cells"], slide_types(notebook["cells"]), strict=True):
        slideshow = cell.setdefault("metadata", {}).setdefault("slideshow", {})
        if slideshow.get("slide_type") != kind:
            slideshow["slide_type"] = kind
            changed = True
    return changed


def _cut_lines(markdown: str) -> list[int]:
    """Line numbers before which ``markdown`` is cut: every heading that is not its first
    line, and the blank line ending a paragraph where the part so far fills a slide."""
    lines = markdown.splitlines()
    heading_lines = {h.line for h in headings(markdown)}
    cuts = []
    used = 0
    in_fence = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        has_text_before = used > 0
        if number in heading_lines and has_text_before:
            cuts.append(number)
            used = 0
        elif not in_fence and not line.strip() and used >= LINES_PER_SLIDE - 2:
            cuts.append(number)
            used = 0
            continue
        if line.strip() or used:
            used += max(1, math.ceil(len(line) / CHARS_PER_LINE))
    return cuts


def split_for_slides(notebook: Any) -> int:
    """Split markdown cells of ``notebook`` (in place) so that every heading opens a cell and
    no prose cell overfills a slide; returns how many cells were added.

    A cell is cut before each heading that is not its first line, and at the paragraph
    break after which it would hold more than a slide (never inside a fenced code block).
    The parts keep the cell's metadata; the ids of the added parts are derived from the
    original id. Used for the static export; committed notebooks are not split.
    """
    cells = []
    added = 0
    for cell in notebook["cells"]:
        cuts = _cut_lines(cell["source"]) if cell["cell_type"] == "markdown" else []
        if not cuts:
            cells.append(cell)
            continue
        lines = cell["source"].splitlines(keepends=True)
        bounds = [0, *cuts, len(lines)]
        for part, (start, end) in enumerate(itertools.pairwise(bounds)):
            piece = copy.deepcopy(cell)
            piece["source"] = "".join(lines[start:end]).strip("\n")
            if part and "id" in cell:
                piece["id"] = f"{cell['id']}-{part}"
            cells.append(piece)
        added += len(cuts)
    notebook["cells"] = cells
    return added


__all__ = [
    "CONTINUE",
    "FRAGMENT",
    "SKIP",
    "SLIDE",
    "SLIDE_TYPES",
    "SUBSLIDE",
    "Heading",
    "apply_slide_layout",
    "estimated_lines",
    "headings",
    "is_slide_chapter",
    "slide_types",
    "split_for_slides",
]
