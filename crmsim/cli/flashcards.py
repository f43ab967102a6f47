"""``crmsim flashcards``: check decks, export to Anki, show statistics, import text files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crmsim.cli.commands import COMMANDS
from crmsim.cli.paths import check_output_file
from crmsim.errors import InputError
from crmsim.learn.anki import EXPORT_LANGUAGES, export_anki
from crmsim.learn.deck import LANGUAGES, TOPICS
from crmsim.learn.deck_files import check_decks, deck_to_yaml, default_deck_path, load_deck
from crmsim.learn.importers import FORMATS, import_file
from crmsim.learn.stats import stats_text
from crmsim.learn.store import ProgressStore, default_store_path

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``flashcards`` with its sub-commands ``validate``, ``anki``, ``stats``, ``import``."""
    parser = subparsers.add_parser(
        "flashcards",
        help=COMMANDS["flashcards"].help,
        description="Work with the flashcard decks in flashcards/ (YAML, German and English).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    validate = actions.add_parser(
        "validate",
        help="check deck files; every problem is reported with file and line",
        description="Check deck YAML files or folders (default: the workbook's flashcards/).",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(handler=run_validate)

    anki = actions.add_parser(
        "anki",
        help="export the deck as an Anki package (.apkg)",
        description="Write one Anki note per card, with stable note ids taken from card ids.",
    )
    anki.add_argument("--out", type=Path, required=True, help="the .apkg file to write")
    anki.add_argument("--lang", choices=EXPORT_LANGUAGES, default="both")
    anki.add_argument("--deck", type=Path, action="append", help="deck file or folder")
    anki.set_defaults(handler=run_anki)

    stats = actions.add_parser(
        "stats",
        help="answers, retention and weakest topics of a learner",
        description="Show the learning statistics stored in the progress file.",
    )
    stats.add_argument("--learner", default="default", help="learner profile name")
    stats.add_argument("--store", type=Path, help="progress file (default: user data folder)")
    stats.add_argument("--deck", type=Path, action="append", help="deck file or folder")
    stats.add_argument("--lang", choices=LANGUAGES, default="en", help="language of topic names")
    stats.set_defaults(handler=run_stats)

    importer = actions.add_parser(
        "import",
        help="turn question/answer lines or tab-separated text into a deck file",
        description="Import 'lines' (question line, answer line, …) or 'tsv' (front<TAB>back).",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
    importer.add_argument("--lang", choices=LANGUAGES, required=True)
    importer.add_argument("--topic", choices=list(TOPICS), required=True)
    importer.add_argument("--out", type=Path, required=True, help="deck YAML file to write")
    importer.add_argument(
        "--skip-title", action="store_true", help="the first line is a title, not a question"
    )
    importer.set_defaults(handler=run_import)


def run_validate(args: argparse.Namespace) -> int:
    """Print every deck problem as ``file:line: message``; exit status 2 if there are any."""
    paths = args.paths or [default_deck_path()]
    deck, problems = check_decks(paths)
    if deck is None:
        for problem in problems:
            print(f"{problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_BAD_INPUT
    counts = ", ".join(f"{topic} {n}" for topic, n in deck.topic_counts().items() if n)
    print(f"ok: {len(deck)} cards, languages {', '.join(deck.languages)} ({counts})")
    return EXIT_OK


def run_anki(args: argparse.Namespace) -> int:
    """Export the deck to an Anki package."""
    if args.out.suffix != ".apkg":
        raise InputError(f"--out {args.out}: an Anki package file name must end in .apkg")
    check_output_file(args.out)
    deck = load_deck(*(args.deck or []))
    notes = export_anki(deck, args.out, args.lang)
    print(f"wrote {notes} notes ({args.lang}) to {args.out}")
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    """Print the learning statistics of one learner (the progress file is only read)."""
    path = args.store or default_store_path()
    if path.is_dir():
        raise InputError(f"--store {path} is a folder; give the progress file")
    if not path.is_file():
        raise InputError(f"no progress file at {path} yet; study first with 'crmsim quiz'")
    deck = load_deck(*(args.deck or []))
    with ProgressStore(path, read_only=True) as store:
        if args.learner not in store.learners():
            known = ", ".join(store.learners()) or "none yet"
            raise InputError(f"no learner profile {args.learner!r} in {store.path}; known: {known}")
        print(stats_text(store, args.learner, deck, args.lang))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Write an imported deck as YAML; an existing output file is never overwritten."""
    if args.out.exists():
        raise InputError(f"{args.out} already exists; choose another --out (nothing was written)")
    check_output_file(args.out)
    deck = import_file(
        args.file, fmt=args.fmt, lang=args.lang, topic=args.topic, skip_title=args.skip_title
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(deck_to_yaml(deck, title=f"Imported from {args.file.name}"), "utf-8")
    print(f"wrote {len(deck)} cards ({args.lang}, topic {args.topic}) to {args.out}")
    return EXIT_OK
