"""Grading time of ``crmsim grade`` on a course's worth of chapter 03 submissions.

A lecturer collects the chapter 03 exercise notebook of 120 students and grades
them with ``crmsim grade FOLDER --jobs 2``. Each submission runs on a fresh kernel
of its own (start-up, imports, the simulated ADAC week and classroom days of that
student's variant). The submissions are generated from the solution: three of four
students answer every task with their own numbers, every fourth hands in the
untouched student version.

Target: 120 submissions in at most 5 minutes on 2 cores (2.5 s per submission).
Run it alone with ``python -m benchmarks bench_grading``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import nbformat

from crmsim.exercises.student import student_notebook
from crmsim.exercises.submissions import with_student

REPOSITORY = Path(__file__).resolve().parents[1]
SOLUTIONS = REPOSITORY / "exercises" / "solutions"
CHAPTER = "03-contact-center"
SUBMISSIONS = 120
JOBS = 2
TARGET_S = 300.0


class GradingTiming(NamedTuple):
    """Wall time of one ``crmsim grade`` run (seconds) over ``submissions`` notebooks."""

    submissions: int
    jobs: int
    seconds: float

    @property
    def per_submission_s(self) -> float:
        """Seconds per submission (wall time ÷ submissions)."""
        return self.seconds / self.submissions


def write_submissions(folder: Path, count: int) -> list[str]:
    """Write ``count`` submissions ``folder/<id>/03-contact-center.ipynb``; return the ids."""
    solution = nbformat.read(SOLUTIONS / f"{CHAPTER}.ipynb", as_version=4)
    untouched = student_notebook(solution, f"solutions/{CHAPTER}.ipynb")
    students = [f"s{number:07d}" for number in range(1, count + 1)]
    for index, student in enumerate(students):
        notebook = with_student(untouched if index % 4 == 3 else solution, student)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        target = folder / student / f"{CHAPTER}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(notebook, target)
    return students


def measure(count: int = SUBMISSIONS, jobs: int = JOBS) -> GradingTiming:
    """Generate ``count`` submissions and time ``crmsim grade`` on them as a whole process."""
    with tempfile.TemporaryDirectory(prefix="crmsim-bench-grading-") as work:
        folder = Path(work) / "submissions"
        write_submissions(folder, count)
        command = [
            sys.executable, "-m", "crmsim", "grade", str(folder), "--solutions", str(SOLUTIONS),
            "--out", str(Path(work) / "gradebook.csv"), "--jobs", str(jobs),
        ]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"crmsim grade failed: {done.stderr.strip()[-300:]}")
    return GradingTiming(count, jobs, seconds)


def format_report(timing: GradingTiming) -> str:
    """The wall time, the time per submission, and the verdict against the target."""
    target = TARGET_S * timing.submissions / SUBMISSIONS
    verdict = "met" if timing.seconds <= target else "missed"
    return "\n".join(
        [
            f"crmsim grade, {timing.submissions} submissions of chapter {CHAPTER[:2]}, "
            f"--jobs {timing.jobs}: {timing.seconds:.0f} s",
            f"time per submission: {timing.per_submission_s:.2f} s "
            f"(target for {timing.submissions}: ≤ {target:.0f} s, {verdict})",
        ]
    )


def main(count: int = SUBMISSIONS, jobs: int = JOBS) -> None:
    """Print the grading time."""
    print(format_report(measure(count, jobs)), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=SUBMISSIONS, help="submissions")
    parser.add_argument("--jobs", type=int, default=JOBS, help="submissions at a time")
    options = parser.parse_args()
    main(options.count, options.jobs)
