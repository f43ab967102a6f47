"""The lecturer's key: one variant's numbers and the right answer of every task.

The key is computed by the same checks the students' notebooks use, with the
variant of the given student id active, so it shows exactly what the checks accept.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from crmsim.errors import InputError
from crmsim.exercises.choice import MultipleChoice
from crmsim.exercises.classification import Classification
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import NumericTask
from crmsim.exercises.ordering import Ordering
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.exercises.student import read_notebook
from crmsim.exercises.variants import Variant, use_variant, variant_of

#: How an exercise notebook imports its checks module.
CHECKS_IMPORT = re.compile(r"from\s+crmsim\.exercises\s+import\s+(\w+)\s+as\s+checks\b")


@dataclass(frozen=True)
class KeyEntry:
    """One task of the key: its title and the right answer, as text."""

    task: str
    answer: str


@dataclass(frozen=True)
class AnswerKey:
    """One variant of one exercise notebook.

    Attributes
    ----------
    variant : Variant
        Whose numbers these are.
    chapter : str
        The checks module's name (``contact_center``).
    parameters : dict or None
        The variant's numbers by name; ``None`` when the chapter has no personal numbers.
    entries : list of KeyEntry
        The right answer of every task, in the notebook's order.
    """

    variant: Variant
    chapter: str
    parameters: dict[str, Any] | None
    entries: list[KeyEntry]

    def lines(self) -> list[str]:
        """The key as text lines: variant, numbers, then one line per task."""
        out = [f"{self.chapter}: {self.variant!r}"]
        if self.parameters is None:
            out.append("  this chapter has no personal numbers: every student has the class's")
        else:
            out += [f"  {name} = {value}" for name, value in self.parameters.items()]
        out += [f"  {entry.task}: {entry.answer}" for entry in self.entries]
        return out


def checks_module(path: Path) -> ModuleType:
    """The checks module an exercise notebook imports as ``checks``."""
    notebook = read_notebook(path, "exercise notebook")
    for cell in notebook.cells:
        match = CHECKS_IMPORT.search(cell.source) if cell.cell_type == "code" else None
        if match is not None:
            return importlib.import_module(f"crmsim.exercises.{match.group(1)}")
    raise InputError(
        f"{path} imports no checks module ('from crmsim.exercises import <chapter> as "
        "checks'); is it an exercise notebook?"
    )


def _number(value: float) -> str:
    return f"{value:.6g}"


def answer_of(task: Any) -> str:
    """The right answer of one task as text (what its check accepts)."""
    if isinstance(task, NumericTask):
        expected = task.expected() if callable(task.expected) else task.expected
        spread = f" (± {task.tolerance:g})" if task.tolerance else ""
        return _number(float(expected)) + spread
    if isinstance(task, MultipleChoice):
        return f'"{task.correct}": {task.options[task.correct].text}'
    if isinstance(task, Ordering):
        return str(list(task.steps))
    if isinstance(task, Matching):
        return str(dict(task.pairs))
    if isinstance(task, Classification):
        return str(dict(task.answers))
    if isinstance(task, PredictThenSimulate):
        value = _number(float(task.simulated()))
        return f"{task.quantity} = {value}; gap = {value} − prediction (± {task.tolerance:g})"
    if hasattr(task, "answer"):
        return str(task.answer())
    compute = getattr(task, "expected", None)
    if callable(compute):
        value = compute()
        if hasattr(value, "to_dict"):  # a table: one record per row
            return str(value.to_dict("records"))
        return str(value)
    return "an open task: see the solution notebook"


def answer_key(path: Path, student: str | None) -> AnswerKey:
    """The key of the exercise notebook at ``path`` for ``student`` (``None``: class variant)."""
    module = checks_module(Path(path))
    tasks = getattr(module, "TASKS", None)
    if tasks is None:
        raise InputError(f"{module.__name__} lists no TASKS; cannot make its key")
    variant = variant_of(student)
    previous = use_variant(variant)
    try:
        numbers = getattr(module, "parameters", None)
        parameters = numbers().as_dict() if numbers is not None else None
        entries = [KeyEntry(task.title, answer_of(task)) for task in tasks]
    finally:
        use_variant(previous)
    return AnswerKey(variant, module.__name__.rsplit(".", 1)[-1], parameters, entries)
