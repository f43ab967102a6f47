"""Clean committed notebooks: no outputs except expected lines, no widget state, no images.

Run ``python tools/clean_notebooks.py`` (all notebooks of the repository) or name
notebooks; ``--check`` only lists notebooks that are not clean and exits 1.

What stays: the outputs of cells tagged ``nbval-check-output`` (they are the
expected results nbval compares with), minus any image or widget view in them.
What goes: every other output and execution count, the notebook's stored widget
state (``metadata.widgets``), and per-cell ``execution`` timing metadata.
Teaching chapters (``notebooks/NN-*.ipynb``) also get their slide layout from their headings
(``metadata.slideshow``, see ``crmsim.slides.layout``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from crmsim.slides.layout import apply_slide_layout, is_slide_chapter

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises")
CHECK_TAG = "nbval-check-output"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _kept_output(output: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The output without images and widget views; ``None`` when nothing is left."""
    if "data" not in output:
        return output
    data = {
        kind: value
        for kind, value in output["data"].items()
        if not kind.startswith("image/") and kind != WIDGET_VIEW
    }
    if not data:
        return None
    output["data"] = data
    output.get("metadata", {}).clear()
    return output


def clean(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Clean ``notebook`` in place and return it."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            kept = [_kept_output(output) for output in cell.outputs]
            cell.outputs = [output for output in kept if output is not None]
            if not cell.outputs:
                cell.execution_count = None
        else:
            cell.outputs = []
            cell.execution_count = None
    return notebook


def notebooks_under(root: Path = ROOT) -> list[Path]:
    """Every notebook of the workbook (teaching, dashboards, exercises, solutions)."""
    found = []
    for folder in FOLDERS:
        found += [
            path
            for path in sorted((root / folder).rglob("*.ipynb"))
            if ".ipynb_checkpoints" not in path.parts and not path.name.startswith(".")
        ]
    return found


def main(argv: list[str] | None = None) -> int:
    """Clean (or with ``--check`` list) notebooks; exit 1 when ``--check`` finds any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: all notebooks")
    parser.add_argument("--check", action="store_true", help="only list notebooks not clean")
    args = parser.parse_args(argv)
    dirty = []
    for path in args.notebooks or notebooks_under():
        before = path.read_text(encoding="utf-8")
        notebook = clean(nbformat.reads(before, as_version=4))
        if is_slide_chapter(path):
            apply_slide_layout(notebook)
        after = nbformat.writes(notebook) + "\n"
        if after == before:
            continue
        dirty.append(path)
        if not args.check:
            path.write_text(after, encoding="utf-8")
            print(f"cleaned {path}")
    if args.check and dirty:
        print("not clean (run 'python tools/clean_notebooks.py'): " + ", ".join(map(str, dirty)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
