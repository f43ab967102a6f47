"""``crmsim exercises build``: make the student versions from the solution notebooks."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmsim.errors import InputError
from crmsim.exercises.student import build_student_version, expected_student_text

DEFAULT_FOLDER = Path("exercises")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``exercises`` sub-command."""
    parser = subparsers.add_parser(
        "exercises",
        help="build the student exercise notebooks from their solutions",
        description="For every solution notebook in FOLDER/solutions/, write the student version "
        "FOLDER/<same name>: answers marked '# SOLUTION' become '...', outputs are cleared "
        "except the correct-answer lines of the check cells. With --check, only report "
        "notebooks whose student version differs from what would be generated.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="write (or with --check compare) student versions")
    build.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="default: exercises")
    build.add_argument("--check", action="store_true", help="compare instead of writing")
    build.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build or compare the student versions."""
    solutions = sorted((args.folder / "solutions").glob("*.ipynb"))
    if not solutions:
        raise InputError(f"no solution notebooks in {args.folder / 'solutions'}")
    stale = []
    for solution in solutions:
        student = args.folder / solution.name
        if args.check:
            current = student.read_text(encoding="utf-8") if student.exists() else ""
            if current != expected_student_text(solution):
                stale.append(str(student))
        else:
            build_student_version(solution, student)
            print(f"wrote {student}")
    if stale:
        print("out of date (run 'crmsim exercises build'): " + ", ".join(stale))
        return 1
    return 0
