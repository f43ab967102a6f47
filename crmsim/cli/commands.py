"""The list of sub-command modules, in the order ``crmsim --help`` shows them."""

from __future__ import annotations

from crmsim.cli import callcenter, erlang, flashcards, generate, quiz

ALL = [callcenter, erlang, flashcards, quiz, generate]
