"""``crmsim grade``: grade a folder of submitted exercise notebooks into a gradebook CSV."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from crmsim.cli.options import whole_number

DEFAULT_SOLUTIONS = Path("exercises/solutions")
DEFAULT_GRADEBOOK = Path("gradebook.csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``grade`` sub-command."""
    from crmsim.exercises.gradebook import GRADING_CELL_TIMEOUT_S, GRADING_TIME_LIMIT_S

    parser = subparsers.add_parser(
        "grade",
        help="(lecturers) grade a folder of submitted exercise notebooks into a gradebook",
        description="A lecturer's command. Grade every submitted exercise notebook in FOLDER "
        "(FOLDER/<student id>/<notebook>.ipynb, or notebooks that name their student in "
        'crmsim.exercises.start("...")), each on a fresh kernel of its own with a time limit, '
        "with that student's numbers. Check cells that differ from the solution's count as "
        "tampered; answers that use the checks module or read files are not accepted. Writes "
        "one CSV row per task (student, chapter, task, result, passed, feedback, score, total, "
        "notes) and prints a line per submission.",
    )
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the submitted notebooks")
    parser.add_argument(
        "--solutions",
        type=Path,
        default=DEFAULT_SOLUTIONS,
        metavar="FOLDER",
        help=f"the solution notebooks (default {DEFAULT_SOLUTIONS})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_GRADEBOOK,
        metavar="FILE.csv",
        help=f"the gradebook to write (default {DEFAULT_GRADEBOOK})",
    )
    parser.add_argument(
        "--jobs",
        type=whole_number(1, 64, limit=False),
        default=1,
        metavar="N",
        help="submissions graded at the same time, one kernel each (default 1)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=GRADING_CELL_TIMEOUT_S,
        metavar="SECONDS",
        help=f"seconds one cell may run (default {GRADING_CELL_TIMEOUT_S:g})",
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=GRADING_TIME_LIMIT_S,
        metavar="SECONDS",
        help=f"seconds one submission may run in all (default {GRADING_TIME_LIMIT_S:g})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Grade the folder, print a line per submission and a summary, write the CSV."""
    from crmsim.errors import InputError
    from crmsim.exercises.gradebook import SubmissionGrade, grade_folder, write_gradebook

    if args.cell_timeout <= 0 or args.time_limit <= 0:
        raise InputError("--cell-timeout and --time-limit must be positive numbers of seconds")
    if args.out.suffix.lower() != ".csv":
        raise InputError(f"--out must name a .csv file, got {args.out}")

    def show(grade: SubmissionGrade) -> None:
        print(grade.line(), flush=True)

    began = time.monotonic()
    grades = grade_folder(
        args.folder,
        args.solutions,
        jobs=args.jobs,
        cell_timeout_s=args.cell_timeout,
        time_limit_s=args.time_limit,
        progress=show,
    )
    seconds = time.monotonic() - began
    write_gradebook(grades, args.out)
    tasks = [task for grade in grades for task in grade.tasks]
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.result] = counts.get(task.result, 0) + 1
    refused = ("tampered", "not accepted")
    marked = [
        grade
        for grade in grades
        if grade.notes or any(task.result in refused for task in grade.tasks)
    ]
    print(f"{len(grades)} submissions, {len(tasks)} tasks: " + ", ".join(
        f"{number} {result}" for result, number in sorted(counts.items())
    ))  # fmt: skip
    print(f"{len(marked)} submissions marked (tampered, not accepted, out of time or notes)")
    print(f"graded in {seconds:.0f} s ({seconds / len(grades):.1f} s per submission, "
          f"{args.jobs} at a time); gradebook: {args.out}")  # fmt: skip
    return 0
