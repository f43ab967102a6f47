"""The list of sub-command modules, in the order ``crmsim --help`` shows them."""

from __future__ import annotations

from crmsim.cli import callcenter, check, erlang, exercises, flashcards, generate, quiz

ALL = [callcenter, erlang, generate, flashcards, quiz, check, exercises]
