"""Teaching notebooks follow the house shape and carry an up-to-date navigation stamp."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
TEACHING = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
ALL_NOTEBOOKS = sorted(ROOT.glob("notebooks/**/*.ipynb")) + sorted(
    ROOT.glob("exercises/**/*.ipynb")
)


def test_the_chapter_numbering_is_the_agreed_one() -> None:
    names = [p.name for p in TEACHING]
    assert {"00-start-here.ipynb", "03-contact-center.ipynb", "07-flashcards.ipynb"} <= set(names)
    allowed = {"00", "01", "02", "03", "04", "05", "06", "07"}
    assert {name[:2] for name in names} <= allowed


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_teaching_notebook_shape(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:2]} · \S", first.source), first.source[:60]
    assert "You will learn" in first.source
    code = [c for c in notebook.cells if c.cell_type == "code"]
    prose = [c for c in notebook.cells if c.cell_type == "markdown"]
    # Explain before computing: clearly more prose than code (by characters).
    assert sum(len(c.source) for c in prose) >= 2 * sum(len(c.source) for c in code)
    for cell in code:
        assert not re.search(r"^\s*(def|class) ", cell.source, re.M), "helpers belong in crmsim"
        assert "np.random.seed" not in cell.source and "random.seed(" not in cell.source
        assert not cell.source.rstrip().endswith(";"), "assign plots instead of using ';'"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebooks_have_no_errors_stored_and_no_machine_paths(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"stored error in {path.name}"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])/(?:work|root|home/\w+)/", text)


def test_navigation_stamp_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "stamp_navigation.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for path in TEACHING:
        last = nbformat.read(path, as_version=4).cells[-1]
        assert "navigation" in last.metadata.get("tags", [])
        assert "[Start here](00-start-here.ipynb)" in last.source


# -- hygiene: what a committed notebook may carry -----------------------------------------------
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
OWN_TAGGED = [
    ROOT / "notebooks" / "03-contact-center.ipynb",
    ROOT / "notebooks" / "07-flashcards.ipynb",
    ROOT / "notebooks" / "dashboards" / "contact-center.ipynb",
    *sorted(ROOT.glob("exercises/**/*.ipynb")),
]


def hygiene_problems(notebook: nbformat.NotebookNode) -> list[str]:
    """Stored widget state, widget views and embedded images in ``notebook``."""
    problems = []
    if "widgets" in notebook.metadata:
        problems.append("stored widget state (metadata.widgets)")
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            kinds = output.get("data", {})
            if any(kind.startswith("image/") for kind in kinds):
                problems.append(f"cell {number}: embedded image")
            if WIDGET_VIEW in kinds:
                problems.append(f"cell {number}: stored widget view")
        for name in cell.get("attachments", {}) or {}:
            problems.append(f"cell {number}: attachment {name}")
    return problems


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebooks_carry_no_widget_state_and_no_images(path: Path) -> None:
    assert hygiene_problems(nbformat.read(path, as_version=4)) == []


def test_the_hygiene_check_and_the_cleaner_catch_widget_state_and_images(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    plot = nbformat.v4.new_code_cell("ax = plot()", execution_count=1)
    plot.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBOR", "text/plain": "<Fig>"})
    ]
    check = nbformat.v4.new_code_cell("print(1)", execution_count=2, metadata={"tags": [
        "nbval-check-output"]})  # fmt: skip
    check.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    notebook.cells = [plot, check]
    assert len(hygiene_problems(notebook)) == 2
    path = tmp_path / "dirty.ipynb"
    nbformat.write(notebook, path)
    tool = [sys.executable, str(ROOT / "tools" / "clean_notebooks.py")]
    found = subprocess.run([*tool, "--check", str(path)], capture_output=True, text=True)
    assert found.returncode == 1 and "dirty.ipynb" in found.stdout
    assert subprocess.run([*tool, str(path)], capture_output=True).returncode == 0
    cleaned = nbformat.read(path, as_version=4)
    assert hygiene_problems(cleaned) == []
    assert cleaned.cells[0].outputs == [] and cleaned.cells[0].execution_count is None
    assert cleaned.cells[1].outputs[0]["text"] == "1\n"  # expected output of a checked cell
    assert subprocess.run([*tool, "--check", str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("path", OWN_TAGGED, ids=lambda p: str(p.relative_to(ROOT)))
def test_nbval_markers_are_cell_tags_not_comments(path: Path) -> None:
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert "NBVAL_" not in cell.source, cell.source[:60]
