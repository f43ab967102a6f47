"""The flashcard decks and the curriculum index, shipped with crmsim as package data.

This file only lets the packaging map the folder onto ``crmsim._data.flashcards``;
the decks are the ``*.yaml`` files beside it (see README.md).
"""
