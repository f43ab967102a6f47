"""``crmsim export``: one small chapter run and exported to offline HTML slides and a PDF,
and the command line's refusals (each one line)."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shutil
from pathlib import Path

import pytest

from crmsim.cli import EXIT_BAD_INPUT, main
from crmsim.errors import InputError
from crmsim.slides import pdf as pdf_module
from crmsim.slides.export import ChapterExport, chapter_title, export_chapter, run_notebook
from crmsim.slides.pdf import pdf_page_count

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "notebooks" / "00-start-here.ipynb"
#: The line ``crmsim export`` prints for a chapter.
REPORT = re.compile(
    r"00-start-here: (?P<html>\S+) \+ (?P<pdf>\S+), (?P<pages>\d+) PDF pages "
    r"\(run (?P<run>[\d.]+) s, HTML (?P<html_s>[\d.]+) s, PDF (?P<pdf_s>[\d.]+) s\)"
)
#: Every URL the page loads: scripts, style sheets, images.
LOADED = re.compile(r"<(?:script|link|img)\b[^>]*?\b(?:src|href)=\"([^\"]*)\"", re.I)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> ChapterExport:
    """The start page, run and exported as HTML and PDF (needs Debian's Chromium)."""
    if shutil.which("chromium") is None:
        missing = "no 'chromium' on PATH: apt-get install -y chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the PDF export must be tested: {missing}")
        pytest.skip(missing)
    out = tmp_path_factory.mktemp("slides")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["export", "0", "--folder", str(CHAPTER.parent), "--format", "both",
                       "--out", str(out)])  # fmt: skip
    assert status == 0
    line = re.fullmatch(REPORT, printed.getvalue().strip())
    assert line, printed.getvalue()
    assert Path(line["html"]) == out / "00-start-here.html"
    assert Path(line["pdf"]) == out / "00-start-here.pdf"
    run_s, html_s, pdf_s = (float(line[name]) for name in ("run", "html_s", "pdf_s"))
    return ChapterExport(
        CHAPTER, Path(line["html"]), Path(line["pdf"]), int(line["pages"]), run_s, html_s, pdf_s
    )


def test_html_slides_load_only_files_beside_them(exported: ChapterExport) -> None:
    page = exported.html.read_text(encoding="utf-8")
    loaded = LOADED.findall(page)
    assert any(url.endswith("reveal/dist/reveal.js") for url in loaded)
    assert any("mathjax/MathJax.js" in url for url in loaded)
    for url in loaded:
        assert not re.match(r"^(https?:)?//", url), url
        if not url.startswith(("data:", "#")):
            assert (exported.html.parent / url.split("?")[0]).is_file(), url
    assert "unpkg.com" not in page and "cdnjs" not in page and "cdn.jsdelivr" not in page


def test_html_slides_open_with_the_title_and_a_slide_per_heading(exported: ChapterExport) -> None:
    page = exported.html.read_text(encoding="utf-8")
    assert "<title>00 · Start here: how to use the CRM Workbook slides</title>" in page
    top_level = re.findall(r"<h[12] id=\"([^\"]+)\"", page)
    assert top_level[0].endswith("Start-here:-how-to-use-the-CRM-Workbook")
    assert top_level[1:4] == [
        "How-to-use-the-workbook",
        "CRM-on-one-page",
        "The-chapters",
    ]
    assert "Kernel is running" not in page and "Traceback" not in page
    assert "service level: 71.1%" in page  # the start page's check cell ran


def test_the_pdf_has_a_page_for_each_slide_at_least(exported: ChapterExport) -> None:
    page = exported.html.read_text(encoding="utf-8")
    tags = re.findall(r"</?section\b", page)
    slides = sum(1 for a, b in itertools.pairwise(tags) if (a, b) == ("<section", "</section"))
    assert slides >= 4  # one per heading at least
    assert exported.pdf is not None and exported.pages is not None
    assert exported.pages == pdf_page_count(exported.pdf.read_bytes())
    assert slides <= exported.pages <= 3 * slides
    print(f"00-start-here: {exported.pages} PDF pages, {exported.pdf_s:.1f} s to print")


def test_page_count_of_a_pdf_and_refusal_of_other_files() -> None:
    pdf = b"%PDF-1.4\n<< /Type /Catalog /Pages 2 0 R >>\n<< /Type /Pages /Count 2 >>\n"
    pdf += b"<< /Type /Page /Parent 2 0 R >>\n<< /Type/Page >>\n"
    assert pdf_page_count(pdf) == 2
    with pytest.raises(InputError, match="not a PDF"):
        pdf_page_count(b"<html>")


def test_chapter_title_is_the_first_h1_heading() -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("## Not this\n# The title"),
        nbformat.v4.new_markdown_cell("# Later"),
    ]
    assert chapter_title(notebook, "fallback") == "The title"
    assert chapter_title(nbformat.v4.new_notebook(), "fallback") == "fallback"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["export", *args])
    return status, capsys.readouterr().err


def test_unknown_chapter_number_and_non_notebook_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, err = run_cli(["42", "--folder", str(ROOT / "notebooks")], capsys)
    assert status == EXIT_BAD_INPUT
    assert err.startswith("crmsim export: error: chapter 42: no notebook 42-*.ipynb in")
    assert err.count("\n") == 1
    text = tmp_path / "notes.txt"
    text.write_text("x")
    status, err = run_cli([str(text)], capsys)
    assert status == EXIT_BAD_INPUT and "not a notebook (.ipynb)" in err
    status, err = run_cli([str(tmp_path / "missing.ipynb")], capsys)
    assert status == EXIT_BAD_INPUT and "missing.ipynb: no such notebook" in err
    status, err = run_cli(["--folder", str(tmp_path)], capsys)
    assert status == EXIT_BAD_INPUT and "no chapters (NN-name.ipynb) in" in err


def test_pdf_without_chromium_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    out = tmp_path / "out"
    status, err = run_cli([str(CHAPTER), "--format", "pdf", "--out", str(out)], capsys)
    assert status == EXIT_BAD_INPUT
    assert "apt-get install -y chromium" in err and "--format html" in err
    assert not (out / "00-start-here.html").exists()  # refused before running anything


def test_an_output_path_that_is_a_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    status, err = run_cli([str(CHAPTER), "--out", str(blocker)], capsys)
    assert status == EXIT_BAD_INPUT and "exists and is not a folder" in err


def test_unknown_format_is_refused_by_the_library_too(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format 'pptx'"):
        export_chapter(CHAPTER, tmp_path, "pptx")


def test_a_failing_cell_or_a_broken_file_is_reported_in_one_line(tmp_path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("shares = 1 / 0")]
    failing = tmp_path / "failing.ipynb"
    nbformat.write(notebook, failing)
    with pytest.raises(InputError, match=r"failing.ipynb: a cell failed .*ZeroDivisionError"):
        run_notebook(failing)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ipynb: not a readable notebook"):
        run_notebook(broken)


def test_pdf_alone_keeps_no_html(tmp_path: Path) -> None:
    import nbformat

    if shutil.which("chromium") is None:
        pytest.skip("no 'chromium' on PATH: apt-get install -y chromium")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Handout\nFirst slide."),
        nbformat.v4.new_markdown_cell("## Second\nSecond slide."),
    ]
    chapter = tmp_path / "09-handout.ipynb"
    nbformat.write(notebook, chapter)
    out = tmp_path / "out"
    done = export_chapter(chapter, out, "pdf")
    assert done.html is None and done.pdf == out / "09-handout.pdf"
    assert done.pages == 2
    assert sorted(path.name for path in out.iterdir()) == ["09-handout.pdf"]
