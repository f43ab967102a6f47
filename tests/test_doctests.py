"""Every example in crmsim's docstrings runs and shows what it says (like ``--doctest-modules``).

Each module with examples is one test, so ``make test`` runs them beside the other tests.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import crmsim

#: As pytest's doctest runner: ``...`` stands for any text, blanks and line breaks are loose.
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def modules() -> list[str]:
    names = [crmsim.__name__]
    for info in pkgutil.walk_packages(crmsim.__path__, "crmsim."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # importing it would run the CLI
            names.append(info.name)
    return sorted(names)


def examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    found = doctest.DocTestFinder(exclude_empty=True).find(module, name)
    return [test for test in found if test.examples]


def failures(tests: list[doctest.DocTest]) -> tuple[int, str]:
    """(examples tried, the report of the failing ones)."""
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in sorted(tests, key=lambda t: t.name):
        runner.run(test, out=report.append, clear_globs=True)
    return runner.summarize(verbose=False).attempted, "".join(report)


WITH_EXAMPLES = [name for name in modules() if examples(name)]


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name: str) -> None:
    tried, report = failures(examples(name))
    assert tried > 0
    assert report == "", report


def test_examples_are_found_across_the_package() -> None:
    expected = {
        "crmsim.learn.curriculum",
        "crmsim.learn.importers",
        "crmsim.learn.scheduler",
        "crmsim.queueing.erlang_bc",
        "crmsim.scenario.shipped",
        "crmsim.sim.run",
    }
    assert expected <= set(WITH_EXAMPLES)


def test_a_wrong_example_is_reported() -> None:
    def halve(x: float) -> float:
        """Half of x.

        >>> halve(3)
        1
        """
        return x / 2

    test = doctest.DocTestFinder().find(halve, "halve", globs={"halve": halve})
    tried, report = failures(test)
    assert tried == 1
    assert "Expected:\n    1\nGot:\n    1.5" in report
