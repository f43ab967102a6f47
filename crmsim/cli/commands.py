"""The sub-commands, in the order ``crmsim --help`` shows them, with their one-line help.

Only the module of the command being run is imported: ``crmsim --help`` and
``crmsim erlang`` start without pandas, SciPy, pyarrow or the flashcard libraries.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    """A sub-command: the module that registers it and the line ``crmsim --help`` shows."""

    module: str
    help: str


COMMANDS: dict[str, Command] = {
    "callcenter": Command(
        "crmsim.cli.callcenter", "simulate a customer interaction center and print its KPIs"
    ),
    "erlang": Command(
        "crmsim.cli.erlang",
        "queueing formulas: waiting, service level and staffing of a contact center",
    ),
    "generate": Command(
        "crmsim.cli.generate", "generate a synthetic CRM data warehouse (star schema)"
    ),
    "flashcards": Command(
        "crmsim.cli.flashcards",
        "check, export, import flashcard decks and show learning statistics",
    ),
    "quiz": Command(
        "crmsim.cli.quiz", "study the flashcards in the terminal with spaced repetition"
    ),
    "check": Command(
        "crmsim.cli.check", "check your answers in exercise notebooks (prints a line per task)"
    ),
    "export": Command(
        "crmsim.cli.export", "export the chapters as offline slides (reveal.js HTML, PDF)"
    ),
    "exercises": Command(
        "crmsim.cli.exercises",
        "(maintainers) build the student exercise notebooks from their solutions",
    ),
    "grade": Command(
        "crmsim.cli.grade",
        "(lecturers) grade a folder of submitted exercise notebooks into a gradebook",
    ),
}
