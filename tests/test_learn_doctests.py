"""The examples in the flashcard modules' docstrings run as written."""

from __future__ import annotations

import doctest

import pytest

from crmsim.learn import curriculum, importers, scheduler


@pytest.mark.parametrize("module", [curriculum, importers, scheduler])
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0
    assert failures == 0
