"""``crmsim check``: grade exercise notebooks and print a line per task as it goes."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from crmsim.exercises.check_runs import CELL_TIMEOUT_S, run_checks


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``check`` sub-command."""
    parser = subparsers.add_parser(
        "check",
        help="check your answers in exercise notebooks (prints a line per task)",
        description="Grade each exercise notebook as it is saved on disk: run it on a fresh "
        "kernel with nbval and compare every check with the expected line from its solution. "
        "Save the notebook in JupyterLab first (Ctrl+S). Exit status 0 when every task is "
        "correct, 1 otherwise.",
    )
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK.ipynb", help="exercise notebooks")
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=CELL_TIMEOUT_S,
        metavar="SECONDS",
        help=f"seconds one cell may run (default {CELL_TIMEOUT_S:g})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Grade every notebook, printing each task's line as soon as it is known."""
    all_correct = True
    for name in args.notebooks:
        path = Path(name)
        if path.exists():
            saved = datetime.fromtimestamp(path.stat().st_mtime).strftime("%H:%M:%S")
            print(f"{path} (saved at {saved}; unsaved changes in JupyterLab are not graded)")
        board = run_checks(
            path,
            progress=lambda line: print(f"  {line}", flush=True),
            cell_timeout_s=args.cell_timeout,
        )
        print("\n".join(board.lines()[1 + len(board.tasks) :]), flush=True)
        all_correct = all_correct and board.solved == len(board.tasks) and not board.errors
    return 0 if all_correct else 1
