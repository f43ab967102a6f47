"""Stamp the same navigation cell at the end of every teaching notebook.

Run ``python tools/stamp_navigation.py`` after adding or renaming a notebook in
``notebooks/``; ``--check`` only reports notebooks whose stamp is out of date
(the test suite runs it that way). The cell is a markdown cell tagged
``navigation``: a link to the previous chapter, to "Start here", and to the next.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TAG = "navigation"
NUMBERED = re.compile(r"^(\d\d)-(.+)\.ipynb$")


def chapters(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks of the teaching path, in order."""
    return sorted(p for p in folder.glob("*.ipynb") if NUMBERED.match(p.name))


def title(path: Path) -> str:
    """The notebook's H1 title."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return path.stem


def navigation_text(previous: Path | None, following: Path | None) -> str:
    parts = []
    if previous is not None:
        parts.append(f"← [{title(previous)}]({previous.name})")
    parts.append("[Start here](00-start-here.ipynb)")
    if following is not None:
        parts.append(f"[{title(following)}]({following.name}) →")
    return "---\n" + " · ".join(parts)


def stamped(path: Path, text: str) -> tuple[nbformat.NotebookNode, bool]:
    """The notebook with the navigation cell as its last cell; and whether that changed it."""
    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = [TAG]
    cell["id"] = "navigation"
    changed = (
        not notebook.cells
        or notebook.cells[-1].source != text
        or len(cells) != len(notebook.cells) - 1
    )
    notebook.cells = [*cells, cell]
    return notebook, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale stamps, change nothing")
    args = parser.parse_args(argv)
    paths = chapters()
    stale = []
    for index, path in enumerate(paths):
        previous = paths[index - 1] if index > 0 else None
        following = paths[index + 1] if index + 1 < len(paths) else None
        notebook, changed = stamped(path, navigation_text(previous, following))
        if changed:
            stale.append(path.name)
            if not args.check:
                nbformat.write(notebook, path)
    if args.check and stale:
        print("navigation out of date in: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
