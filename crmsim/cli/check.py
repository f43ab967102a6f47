"""``crmsim check``: run the checks of exercise notebooks and print a scoreboard per task."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmsim.exercises.scoreboard import run_checks


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``check`` sub-command."""
    parser = subparsers.add_parser(
        "check",
        help="check your answers in exercise notebooks (runs nbval, prints a scoreboard)",
        description="Run each exercise notebook on a fresh kernel with nbval and list, per task, "
        "whether the answer is correct and what the feedback says. Exit status 0 when every "
        "task is correct, 1 otherwise.",
    )
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK.ipynb", help="exercise notebooks")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check every notebook and print the scoreboards."""
    all_correct = True
    for path in args.notebooks:
        board = run_checks(Path(path))
        print("\n".join(board.lines()))
        all_correct = all_correct and board.solved == len(board.tasks) and not board.errors
    return 0 if all_correct else 1
