"""``crmsim quiz``: study flashcards in the terminal (answers may be piped in)."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from crmsim.cli.commands import COMMANDS
from crmsim.cli.options import seed, whole_number
from crmsim.errors import InputError
from crmsim.learn.deck import LANGUAGES, TOPICS
from crmsim.learn.deck_files import load_deck
from crmsim.learn.quiz import QUIZ_MODES, run_quiz
from crmsim.learn.scheduler import DEFAULT_NEW_CARDS_PER_DAY, StudySession
from crmsim.learn.store import ProgressStore, require_learner

MAX_CARDS = 100_000
"""Largest --limit and --new-per-day (far more cards than any deck has)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``quiz`` sub-command."""
    parser = subparsers.add_parser(
        "quiz",
        help=COMMANDS["quiz"].help,
        description="Study due and new flashcards; progress is saved after every answer. "
        "Flip mode: Enter shows the answer, 1-4 rates it. Choice mode: type the option "
        "number. q quits.",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="de")
    parser.add_argument("--topic", choices=list(TOPICS), action="append", help="repeatable")
    parser.add_argument("--limit", type=whole_number(1, MAX_CARDS), help="at most this many cards")
    parser.add_argument("--mode", choices=QUIZ_MODES, default="flip")
    parser.add_argument("--learner", default="default", help="learner profile name")
    parser.add_argument("--store", type=Path, help="progress file (default: user data folder)")
    parser.add_argument("--deck", type=Path, action="append", help="deck file or folder")
    parser.add_argument(
        "--new-per-day",
        type=whole_number(0, MAX_CARDS),
        default=DEFAULT_NEW_CARDS_PER_DAY,
        help="new-card limit",
    )
    parser.add_argument("--seed", type=seed, default=0, help="seed for option order (≥ 0)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run the quiz on stdin/stdout."""
    require_learner(args.learner)
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Answers are UTF-8 text; other bytes end the quiz with one line, whatever the locale.
        sys.stdin.reconfigure(encoding="utf-8", errors="strict")
    if args.store is not None and args.store.is_dir():
        raise InputError(f"--store {args.store} is a folder; give the progress file")
    deck = load_deck(*(args.deck or []))
    with ProgressStore(args.store, on_wait=_tell_learner) as store:
        if store.notice:
            _tell_learner(store.notice)
        session = StudySession(
            deck, store, args.learner, topics=args.topic, new_cards_per_day=args.new_per_day
        )
        run_quiz(
            session,
            sys.stdin,
            sys.stdout,
            lang=args.lang,
            mode=args.mode,
            limit=args.limit,
            seed=args.seed,
        )
    return 0


def _tell_learner(message: str) -> None:
    print(f"note: {message}", file=sys.stderr, flush=True)
