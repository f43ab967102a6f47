"""Shared test fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


# --- flashcards: keep learning progress out of the real user's data folder -----------------
@pytest.fixture(autouse=True, scope="session")
def isolated_flashcard_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``CRMSIM_DATA_DIR`` at a temporary folder for the whole test run.

    Flashcard progress (``crmsim.learn.store``) and anything started from the tests,
    notebook kernels and ``crmsim`` subprocesses included, inherit the variable.
    """
    previous = os.environ.get("CRMSIM_DATA_DIR")
    os.environ["CRMSIM_DATA_DIR"] = str(tmp_path_factory.mktemp("crmsim-data"))
    yield
    if previous is None:
        os.environ.pop("CRMSIM_DATA_DIR", None)
    else:
        os.environ["CRMSIM_DATA_DIR"] = previous
