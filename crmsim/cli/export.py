"""``crmsim export``: the chapters as slides for a learning platform (HTML, PDF or both).

Each chapter is run on a fresh kernel, then written as reveal.js slides that need no
internet (``<chapter>.html`` beside an ``assets/`` folder) or printed from those to
``<chapter>.pdf`` by Debian's Chromium (``--format pdf``), or both. Panels (widgets) show the
state they were left in. One line per chapter reports the files, the PDF's pages and the
time taken.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from crmsim.cli.commands import COMMANDS
from crmsim.cli.paths import check_output_folder
from crmsim.errors import InputError

DEFAULT_FOLDER = Path("notebooks")
DEFAULT_OUT = Path("build") / "slides"
_CHAPTER_NUMBER = re.compile(r"^\d{1,2}$")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` sub-command."""
    from crmsim.slides.export import FORMATS

    parser = subparsers.add_parser(
        "export",
        help=COMMANDS["export"].help,
        description="Run chapters of the workbook and export them as slides: reveal.js HTML "
        "that works offline (scripts copied to OUT/assets), a PDF printed from it by Debian's "
        "Chromium ('apt-get install -y chromium'), or both. Widgets show "
        "their last state as static content. Without CHAPTER, every numbered chapter in "
        "--folder is exported.",
    )
    parser.add_argument(
        "chapters",
        nargs="*",
        metavar="CHAPTER",
        help="a notebook file, or a chapter number such as 03 (default: all chapters)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="html",
        help="html (default: slides for the browser), pdf (a PDF per chapter), or both",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="export folder (default: build/slides)",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help="where the chapters are (default: notebooks)",
    )
    parser.set_defaults(handler=run)


def chapter_paths(chapters: list[str], folder: Path) -> list[Path]:
    """The notebooks named by ``chapters`` (files, or numbers of chapters in ``folder``).

    Without ``chapters``: every ``NN-*.ipynb`` in ``folder``, in order.
    """
    if not chapters:
        found = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
        if not found:
            raise InputError(f"no chapters (NN-name.ipynb) in {folder}: give --folder or a file")
        return found
    paths = []
    for chapter in chapters:
        if _CHAPTER_NUMBER.match(chapter):
            matches = sorted(folder.glob(f"{int(chapter):02d}-*.ipynb"))
            if not matches:
                raise InputError(
                    f"chapter {chapter}: no notebook {int(chapter):02d}-*.ipynb in {folder}"
                )
            paths.append(matches[0])
            continue
        path = Path(chapter)
        if path.suffix != ".ipynb":
            raise InputError(f"{chapter}: not a notebook (.ipynb) nor a chapter number such as 03")
        if not path.is_file():
            raise InputError(f"{chapter}: no such notebook")
        paths.append(path)
    return paths


def run(args: argparse.Namespace) -> int:
    """Export the chapters; one line per chapter."""
    from crmsim.slides.export import export_chapter
    from crmsim.slides.pdf import find_chromium

    paths = chapter_paths(args.chapters, args.folder)
    check_output_folder(args.out)
    chromium = find_chromium() if args.format != "html" else None
    for path in paths:
        done = export_chapter(path, args.out, args.format, chromium)
        files = [str(file) for file in (done.html, done.pdf) if file is not None]
        pages = f", {done.pages} PDF pages" if done.pages is not None else ""
        print(
            f"{path.stem}: {' + '.join(files)}{pages} (run {done.run_s:.1f} s, "
            f"HTML {done.html_s:.1f} s" + (f", PDF {done.pdf_s:.1f} s)" if done.pdf else ")"),
            flush=True,
        )
    return 0
