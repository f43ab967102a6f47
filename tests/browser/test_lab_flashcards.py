"""The flashcard notebook in JupyterLab: run it up to the trainer, flip a card, rate it,
and see the counts line change.

The notebook's last cell closes its progress store, so the cells are run only up to
the trainer (Run ▸ Run All Above Selected Cell, with the cell after the trainer
selected) — exactly what a student does who stops at the widget to study.
"""

from __future__ import annotations

import re

import pytest
from pages import (
    RUN_TIMEOUT_MS,
    UPDATE_TIMEOUT_MS,
    button,
    code_cell,
    explained_by_lab_log,
    next_cell,
    open_notebook,
    run_menu,
    select_cell,
    wait_for_text_change,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/07-flashcards.ipynb"
COUNTS = re.compile(r"^due (\d+) · new (\d+) · learned (\d+)$")


def test_flip_and_rate_a_card_changes_the_counts(lab_server, page):
    panel = open_notebook(page, lab_server, NOTEBOOK)
    trainer_cell = code_cell(panel, "trainer = open_trainer(")
    select_cell(next_cell(trainer_cell))
    run_menu(page, "Run All Above Selected Cell")

    counts = trainer_cell.locator(".widget-label", has_text=COUNTS)
    counts.wait_for(timeout=RUN_TIMEOUT_MS)
    before = counts.inner_text().strip()
    card = trainer_cell.locator(".widget-html-content").filter(has=page.locator("h3")).first
    expect(card.locator("hr")).to_have_count(0)
    expect(button(trainer_cell, "Good")).to_be_disabled()

    button(trainer_cell, "Flip").click()
    # The answer appears below a rule, and the rating buttons come alive.
    expect(card.locator("hr")).to_have_count(1, timeout=UPDATE_TIMEOUT_MS)
    expect(button(trainer_cell, "Good")).to_be_enabled(timeout=UPDATE_TIMEOUT_MS)
    button(trainer_cell, "Good").click()

    with explained_by_lab_log(page, "rating the card did not change the counts"):
        after = wait_for_text_change(counts, before, UPDATE_TIMEOUT_MS)
    new_before = int(COUNTS.match(before).group(2))
    new_after = int(COUNTS.match(after).group(2))
    assert new_after == new_before - 1, (before, after)
    # The next card is shown unflipped again.
    expect(card.locator("hr")).to_have_count(0, timeout=UPDATE_TIMEOUT_MS)
