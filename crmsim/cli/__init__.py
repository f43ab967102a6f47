"""The ``crmsim`` command line.

Each sub-command lives in its own module of this package and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a
function ``handler(args) -> int``. Only the module of the command being run is
imported (see :mod:`crmsim.cli.commands`). :func:`main` turns every
:class:`~crmsim.errors.InputError`, unreadable input and unwritable output into
one line on stderr and exit status 2, and ends quietly when the reader of its
output goes away (``crmsim flashcards stats | head -1``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from crmsim.errors import InputError, one_line

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141
"""What a shell reports for a program ended by SIGPIPE (128 + 13)."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser that reports a usage error on a single line."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            EXIT_BAD_INPUT, f"{self.prog}: error: {one_line(message)} (see '{self.prog} --help')\n"
        )


def _version() -> str:
    from crmsim import __version__

    return f"crmsim {__version__}"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser.

    Parameters
    ----------
    command
        Register only this sub-command fully (the others appear in ``--help`` by
        name and help line). ``None`` registers every sub-command.
    """
    from crmsim.cli.commands import COMMANDS

    parser = OneLineParser(
        prog="crmsim",
        description="CRM Workbook: simulate a customer interaction center, generate CRM data, "
        "compute queueing formulas and train with flashcards.",
    )
    parser.add_argument("--version", action="version", version=_version())
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=OneLineParser
    )
    for name, (module, help_line) in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(module).register(subparsers)
        else:
            subparsers.add_parser(name, help=help_line, add_help=False)
    return parser


def _chosen_command(argv: Sequence[str]) -> str:
    """The sub-command named in ``argv`` ("" when there is none)."""
    from crmsim.cli.commands import COMMANDS

    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else ""
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _chosen_command(argv)
    prefix = f"crmsim {command}: error:" if command else "crmsim: error:"
    try:
        parser = build_parser(command)
        try:
            args = parser.parse_args(argv)
        except SystemExit as stop:  # --help, --version, or a usage error already printed
            return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
        if not getattr(args, "handler", None):
            parser.print_help(sys.stderr)
            return EXIT_BAD_INPUT
        return int(args.handler(args))
    except InputError as error:
        print(f"{prefix} {one_line(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeDecodeError as error:
        reason = f"{error.reason}, byte {error.object[error.start : error.start + 1]!r}"
        print(f"{prefix} the input is not UTF-8 text ({reason})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        print(f"{prefix} {one_line(_describe(error))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"{prefix.removesuffix(' error:')} interrupted", file=sys.stderr)
        return 130


def _describe(error: OSError) -> str:
    """``path: reason`` for a failed file operation."""
    reason = error.strerror or str(error)
    if error.filename is not None:
        return f"{error.filename}: {reason}"
    return reason


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BROKEN_PIPE",
    "EXIT_FAILURE",
    "EXIT_OK",
    "OneLineParser",
    "build_parser",
    "main",
]
