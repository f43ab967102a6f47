"""``crmsim exercises build``: make the student versions from the solution notebooks.

A maintainer's command: students never need it. ``crmsim exercises key`` prints a
lecturer's key: one student's numbers and the right answers. It never overwrites a student
notebook that was changed after it was generated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmsim.errors import InputError
from crmsim.exercises.student import build_student_version, expected_student_text

DEFAULT_FOLDER = Path("exercises")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``exercises`` sub-command."""
    parser = subparsers.add_parser(
        "exercises",
        help="(maintainers) build the student exercise notebooks from their solutions",
        description="For maintainers of the workbook; students do not need this command. For "
        "every solution notebook in FOLDER/solutions/, write the student version FOLDER/<same "
        "name>: answers marked '# SOLUTION' become '...', cells tagged 'solution-only' go, and "
        "no cell keeps an output. A student notebook changed after it was generated (answered) "
        "is never overwritten: it is reported and left as it is. With --check, only report "
        "notebooks whose student version differs from what would be generated.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="(maintainers) write, or with --check compare, the student versions",
        description="A maintainer's command. Writes FOLDER/<name>.ipynb for every "
        "FOLDER/solutions/<name>.ipynb, but never over a notebook that was changed after "
        "it was generated.",
    )
    build.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="default: exercises")
    build.add_argument("--check", action="store_true", help="compare instead of writing")
    build.set_defaults(handler=run)
    key = actions.add_parser(
        "key",
        help="(lecturers) print one student's numbers and the right answers",
        description="A lecturer's command. Print the numbers of one student's variant of an "
        "exercise notebook and the answer every check accepts for them. Without --student: "
        "the class variant (the numbers printed in the tasks).",
    )
    key.add_argument("notebook", type=Path, metavar="NOTEBOOK.ipynb", help="exercise notebook")
    key.add_argument("--student", metavar="ID", help="student id, e.g. s1234567")
    key.set_defaults(handler=print_key)


def print_key(args: argparse.Namespace) -> int:
    """Print one variant's numbers and answers."""
    from crmsim.exercises.answer_key import answer_key

    print("\n".join(answer_key(args.notebook, args.student).lines()))
    return 0


def run(args: argparse.Namespace) -> int:
    """Build or compare the student versions; exit 1 on drift or a kept notebook."""
    found = (args.folder / "solutions").glob("*.ipynb")
    solutions = sorted(path for path in found if not path.name.startswith("."))
    if not solutions:
        raise InputError(f"no solution notebooks in {args.folder / 'solutions'}")
    stale, kept = [], []
    for solution in solutions:
        student = args.folder / solution.name
        if args.check:
            current = student.read_text(encoding="utf-8") if student.exists() else ""
            if current != expected_student_text(solution):
                stale.append(str(student))
            continue
        try:
            build_student_version(solution, student)
        except InputError as refusal:
            if "not overwriting" not in str(refusal):
                raise
            print(refusal, file=sys.stderr)
            kept.append(str(student))
            continue
        print(f"wrote {student}")
    if stale:
        print("out of date (run 'crmsim exercises build'): " + ", ".join(stale))
    return 1 if stale or kept else 0
