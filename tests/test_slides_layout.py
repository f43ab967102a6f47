"""Slide layout from headings: the rules, the split for the export, and the committed chapters."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from crmsim.slides.layout import (
    CONTINUE,
    FRAGMENT,
    LINES_PER_SLIDE,
    LONG_CODE_LINES,
    SKIP,
    SLIDE,
    SLIDE_TYPES,
    SUBSLIDE,
    apply_slide_layout,
    estimated_lines,
    headings,
    is_slide_chapter,
    slide_types,
    split_for_slides,
)

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def md(text: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def code(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(text)


def test_headings_are_found_outside_code_fences_with_their_level() -> None:
    text = "# Title\n\n```python\n# not a heading\n```\n#no space\n### Detail\n####### seven"
    assert [(h.level, h.line) for h in headings(text)] == [(1, 0), (3, 6)]


def test_each_rule_gives_its_slide_type() -> None:
    cells = [
        md("# Chapter title\nWhat you will learn."),
        md("## A topic\nWhy it matters."),
        code("x = 1"),
        md("The result: x is one."),
        md("### A detail"),
        md("Plain prose continues the detail."),
        md("Some prose first.\n\n## A new topic in the middle of a cell"),
        code("\n".join(f"line_{n} = {n}" for n in range(LONG_CODE_LINES + 1))),
        md(""),
        md("---\n[Start here](00-start-here.ipynb)", tags=["navigation"]),
    ]
    assert slide_types(cells) == [
        SLIDE,
        SLIDE,
        CONTINUE,
        FRAGMENT,
        SUBSLIDE,
        CONTINUE,
        SLIDE,
        SUBSLIDE,
        SKIP,
        SKIP,
    ]


def test_a_cell_that_would_overfill_the_slide_starts_a_subslide() -> None:
    paragraph = "word " * 15  # 75 characters: one screen line
    half = "\n".join([paragraph] * (LINES_PER_SLIDE // 2 + 1))
    cells = [md("## Topic"), md(half), md(half), md(half)]
    assert estimated_lines(cells[1]) == LINES_PER_SLIDE // 2 + 1
    assert slide_types(cells) == [SLIDE, CONTINUE, SUBSLIDE, SUBSLIDE]


def test_plotting_code_is_estimated_with_a_figure() -> None:
    assert estimated_lines(code("ax = plot_curve(data)")) > estimated_lines(code("total = 1"))


def test_apply_sets_every_cell_keeps_other_keys_and_is_idempotent() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [md("# Title"), code("1 + 1"), md("Two.")]
    notebook.cells[1].metadata["slideshow"] = {"slide_type": "notes", "kept": True}
    assert apply_slide_layout(notebook) is True
    stored = [c.metadata["slideshow"]["slide_type"] for c in notebook.cells]
    assert stored == [SLIDE, CONTINUE, FRAGMENT]
    assert notebook.cells[1].metadata["slideshow"]["kept"] is True
    assert apply_slide_layout(notebook) is False


def test_split_cuts_before_inner_headings_and_after_a_slide_of_prose() -> None:
    long_prose = "\n\n".join(f"Paragraph {n}: " + "text " * 30 for n in range(12))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        md("Interpretation of the plot.\n\n## Next topic\nIts text.\n\n### Detail\nMore."),
        md("## Long\n\n" + long_prose),
        md("```\n" + "\n\n".join(["x"] * 40) + "\n```"),
        code("# a comment, not a heading\n\nx = 1"),
    ]
    notebook.cells[0].metadata["tags"] = ["keep-me"]
    ids = [cell.id for cell in notebook.cells]
    added = split_for_slides(notebook)
    sources = [cell.source for cell in notebook.cells]
    assert sources[:3] == [
        "Interpretation of the plot.",
        "## Next topic\nIts text.",
        "### Detail\nMore.",
    ]
    assert notebook.cells[1].metadata["tags"] == ["keep-me"]
    assert notebook.cells[1].id == f"{ids[0]}-1"
    long_parts = [s for s in sources if s.startswith(("## Long", "Paragraph"))]
    assert len(long_parts) >= 2
    assert all(estimated_lines(md(part)) <= LINES_PER_SLIDE + 4 for part in long_parts)
    assert "\n\n".join(long_parts).replace("\n\n", "") == ("## Long\n\n" + long_prose).replace(
        "\n\n", ""
    )
    assert sources.count(notebook.cells[-2].source) == 1  # the fenced block stays whole
    assert notebook.cells[-2].source.startswith("```") and notebook.cells[-2].source.endswith("```")
    assert added == len(notebook.cells) - 4
    assert slide_types(notebook.cells)[:3] == [CONTINUE, SLIDE, SUBSLIDE]


def test_split_parts_of_a_stamped_cell_get_their_own_slide_types() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [md("# Title\n\nIntro.\n\n## Topic\n\nText.")]
    apply_slide_layout(notebook)  # as committed: the whole cell is one slide
    split_for_slides(notebook)
    apply_slide_layout(notebook)
    stored = [c.metadata["slideshow"]["slide_type"] for c in notebook.cells]
    assert stored == [SLIDE, SLIDE]
    assert notebook.cells[0].source == "# Title\n\nIntro."


def test_teaching_chapters_are_recognised_by_folder_and_name() -> None:
    assert is_slide_chapter(Path("notebooks/00-start-here.ipynb"))
    assert not is_slide_chapter(Path("notebooks/dashboards/contact-center.ipynb"))
    assert not is_slide_chapter(Path("exercises/solutions/03-contact-center.ipynb"))
    assert not is_slide_chapter(Path("notebooks/notes.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_committed_chapters_carry_the_layout_from_their_headings(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    stored = [c.metadata.get("slideshow", {}).get("slide_type") for c in notebook.cells]
    assert stored == slide_types(notebook.cells), "run: python tools/clean_notebooks.py"
    assert set(stored) <= set(SLIDE_TYPES)
    shown = [kind for kind in stored if kind != SKIP]
    assert shown[0] == SLIDE
    for cell, kind in zip(notebook.cells, stored, strict=True):
        if cell.cell_type == "markdown" and any(h.level <= 2 for h in headings(cell.source)):
            assert kind == SLIDE, cell.source[:60]
    assert stored[-1] == SKIP  # the navigation footer


def clean_notebooks_main() -> Callable[[list[str]], int]:
    """``main`` of tools/clean_notebooks.py, loaded in this process (no interpreter start)."""
    spec = importlib.util.spec_from_file_location(
        "clean_notebooks", ROOT / "tools" / "clean_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def test_clean_notebooks_sets_the_layout_on_chapters_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = clean_notebooks_main()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [md("# Title"), md("## Topic"), code("x = 1")]
    chapter = tmp_path / "notebooks" / "09-new-chapter.ipynb"
    other = tmp_path / "exercises" / "09-new-chapter.ipynb"
    for path in (chapter, other):
        path.parent.mkdir()
        nbformat.write(notebook, path)
    assert clean(["--check", str(chapter), str(other)]) == 1
    reported = capsys.readouterr().out
    assert "09-new-chapter.ipynb" in reported and "exercises" not in reported
    assert clean([str(chapter), str(other)]) == 0
    stamped = nbformat.read(chapter, as_version=4)
    assert [c.metadata.slideshow.slide_type for c in stamped.cells] == [SLIDE, SLIDE, CONTINUE]
    assert all("slideshow" not in c.metadata for c in nbformat.read(other, as_version=4).cells)
    assert clean(["--check", str(chapter)]) == 0
