"""Export chapters as slides for a learning platform: run each, write HTML, print a PDF.

:func:`export_chapter` runs a chapter on a fresh kernel in its own folder (as a student
would), so every figure and panel shows what it computes, then writes
``<chapter>.html`` (reveal.js, offline: :mod:`crmsim.slides.reveal_html`) and, when asked,
``<chapter>.pdf`` (Chromium: :mod:`crmsim.slides.pdf`) into the export folder.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmsim.errors import InputError
from crmsim.slides.assets import copy_slide_assets
from crmsim.slides.pdf import find_chromium, print_slides_to_pdf
from crmsim.slides.reveal_html import slides_html

#: The export formats: HTML slides, a PDF (printed from them), or both.
FORMATS = ("html", "pdf", "both")
#: Limit for one cell when running a chapter (seconds).
CELL_TIMEOUT_S = 600


@dataclass(frozen=True)
class ChapterExport:
    """What exporting one chapter produced.

    Attributes
    ----------
    chapter
        The notebook exported.
    html
        The HTML slides written, or ``None`` when only a PDF was asked for.
    pdf
        The PDF written, or ``None`` when no PDF was asked for.
    pages
        Pages of the PDF (``None`` without PDF).
    run_s, html_s, pdf_s
        Seconds spent running the notebook, writing the HTML, printing the PDF.
    """

    chapter: Path
    html: Path | None
    pdf: Path | None
    pages: int | None
    run_s: float
    html_s: float
    pdf_s: float


def chapter_title(notebook: Any, fallback: str) -> str:
    """The chapter's first ``#`` heading (without the ``#``), else ``fallback``."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def run_notebook(path: Path, timeout_s: int = CELL_TIMEOUT_S) -> Any:
    """``path`` run top to bottom on a fresh kernel in the notebook's folder, widget state kept
    (the flashcard progress store in a temporary folder).

    A failing cell stops the run with an :class:`InputError` naming the cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    from crmsim.learn.store import DATA_DIR_VARIABLE

    try:
        notebook = nbformat.read(path, as_version=4)
    except (ValueError, KeyError) as error:
        raise InputError(f"{path}: not a readable notebook ({error})") from None
    client = NotebookClient(
        notebook,
        timeout=timeout_s,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
        store_widget_state=True,
    )
    # The flashcard chapter opens the learner's progress store: the export gets a store of
    # its own, so running a chapter for slides never changes a lecturer's progress.
    with tempfile.TemporaryDirectory(prefix="crmsim-export-") as data_dir:
        environment = {**os.environ, DATA_DIR_VARIABLE: data_dir}
        try:
            client.execute(env=environment)
        except CellTimeoutError:
            raise InputError(f"{path}: a cell ran longer than {timeout_s} s") from None
        except CellExecutionError as error:
            name = getattr(error, "ename", "error")
            value = getattr(error, "evalue", "")
            raise InputError(
                f"{path}: a cell failed while running the chapter: {name}: {value}"
            ) from None
    return notebook


def export_chapter(
    path: Path, out_dir: Path, fmt: str = "html", chromium: str | None = None
) -> ChapterExport:
    """Run the chapter ``path`` and write its slides to ``out_dir`` (created if missing).

    Parameters
    ----------
    path
        A chapter notebook.
    out_dir
        The export folder; ``assets/`` with reveal.js and MathJax is added once.
    fmt
        ``"html"``, ``"pdf"`` or ``"both"``. The PDF is printed from the HTML slides; with
        ``"pdf"`` alone the HTML is made in a temporary folder and not kept.
    chromium
        The Chromium program for the PDF; default: the one on ``PATH``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such notebook")
    if path.suffix != ".ipynb":
        raise InputError(f"{path}: not a notebook (.ipynb expected)")
    program = find_chromium() if fmt != "html" and chromium is None else chromium
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    notebook = run_notebook(path)
    ran = time.perf_counter()
    # "pdf" alone: the HTML it is printed from is made in a temporary folder and removed.
    with tempfile.TemporaryDirectory(prefix="crmsim-slides-") as staging:
        html_dir = out_dir if fmt != "pdf" else Path(staging)
        assets = copy_slide_assets(html_dir)
        html_file = html_dir / f"{path.stem}.html"
        title = chapter_title(notebook, path.stem)
        html_file.write_text(slides_html(notebook, assets, title), encoding="utf-8")
        written = time.perf_counter()
        pdf_file = pages = None
        if fmt != "html":
            pdf_file = out_dir / f"{path.stem}.pdf"
            pages = print_slides_to_pdf(html_file, pdf_file, program)
        printed = time.perf_counter()
    html_kept = html_file if fmt != "pdf" else None
    return ChapterExport(
        chapter=path,
        html=html_kept,
        pdf=pdf_file,
        pages=pages,
        run_s=ran - started,
        html_s=written - ran,
        pdf_s=printed - written,
    )


def export_chapters(paths: Sequence[Path], out_dir: Path, fmt: str = "html") -> list[ChapterExport]:
    """:func:`export_chapter` for each of ``paths``, Chromium looked up once."""
    chromium = find_chromium() if fmt in FORMATS and fmt != "html" else None
    return [export_chapter(path, out_dir, fmt, chromium) for path in paths]


__all__ = [
    "FORMATS",
    "ChapterExport",
    "chapter_title",
    "export_chapter",
    "export_chapters",
    "run_notebook",
]
