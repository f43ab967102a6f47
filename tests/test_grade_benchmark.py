"""Smoke test of the grading benchmark: the submissions it generates and its report.

No time is asserted; ``make bench`` reports it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.bench_grading import GradingTiming, format_report, write_submissions  # noqa: E402
from crmsim.exercises.submissions import student_in  # noqa: E402


def test_generated_submissions_name_their_students_and_every_fourth_is_unanswered(
    tmp_path: Path,
) -> None:
    students = write_submissions(tmp_path, 8)
    assert students[:2] == ["s0000001", "s0000002"]
    for index, student in enumerate(students):
        notebook = nbformat.read(tmp_path / student / "03-contact-center.ipynb", as_version=4)
        assert student_in(notebook) == student
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert ("# SOLUTION" in code) == (index % 4 != 3)
        assert not any(cell.get("outputs") for cell in notebook.cells)


def test_the_report_gives_the_time_per_submission_against_the_target() -> None:
    report = format_report(GradingTiming(120, 2, 240.0))
    assert "120 submissions of chapter 03, --jobs 2: 240 s" in report
    assert "time per submission: 2.00 s (target for 120: ≤ 300 s, met)" in report
    assert "missed" in format_report(GradingTiming(12, 2, 31.0))
