"""Flashcards for the CRM curriculum: deck, FSRS scheduling, progress, widget, quiz, Anki.

The usual way in from a notebook::

    from crmsim.learn import open_trainer
    trainer = open_trainer(lang="en")
    trainer            # shows the widget in JupyterLab

and from a terminal: ``crmsim quiz`` and ``crmsim flashcards --help``.
"""

from __future__ import annotations

from crmsim.learn.anki import build_anki_deck, export_anki
from crmsim.learn.choices import MultipleChoice, build_choice
from crmsim.learn.curriculum import concept_key, curriculum_coverage, read_curriculum
from crmsim.learn.deck import LANGUAGES, TOPICS, CardSide, Deck, Flashcard
from crmsim.learn.deck_files import check_decks, deck_to_yaml, default_deck_path, load_deck
from crmsim.learn.importers import import_file
from crmsim.learn.quiz import run_quiz
from crmsim.learn.replay import replay_study_days
from crmsim.learn.scheduler import ManualClock, QueueCounts, SessionSummary, StudySession
from crmsim.learn.stats import review_frame, stats_text, topic_report, weakest_topics
from crmsim.learn.store import ProgressStore, default_store_path
from crmsim.learn.widget import FlashcardTrainer, open_trainer

__all__ = [
    "LANGUAGES",
    "TOPICS",
    "CardSide",
    "Deck",
    "Flashcard",
    "FlashcardTrainer",
    "ManualClock",
    "MultipleChoice",
    "ProgressStore",
    "QueueCounts",
    "SessionSummary",
    "StudySession",
    "build_anki_deck",
    "build_choice",
    "check_decks",
    "concept_key",
    "curriculum_coverage",
    "deck_to_yaml",
    "default_deck_path",
    "default_store_path",
    "export_anki",
    "import_file",
    "load_deck",
    "open_trainer",
    "read_curriculum",
    "replay_study_days",
    "review_frame",
    "run_quiz",
    "stats_text",
    "topic_report",
    "weakest_topics",
]
