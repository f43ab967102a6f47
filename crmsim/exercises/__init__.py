"""Exercise notebooks: checked task kinds, student versions, scoreboards.

Personal variants
-----------------
``start("s1234567")`` in a notebook's first cell (or ``start()`` with the id in the
environment variable ``CRMSIM_STUDENT``) gives the student their own numbers; the
checks compute the expected answers from the same numbers (:mod:`.variants`).

Task kinds
----------
Every check returns a :class:`Verdict` that prints as one line starting with the
task's title: ``Task 3 · Agents for 80/20: correct ✔``, ``…: not answered yet: …``
while the answer is still ``...``, or ``…: not yet: <specific hint>``.

- :class:`NumericTask` — a number within a tolerance; :class:`Mistake` lists the
  values typical slips produce (percent for share, minutes for hours) with their hints.
- :class:`MultipleChoice` — one right :class:`Option`; every wrong option carries the
  explanation shown when it is chosen.
- :class:`PredictThenSimulate` — ``record(prediction)`` before the model runs, then
  ``check_gap(prediction, gap)`` grades simulated − predicted; follow it with a
  multiple choice on *why* the gap exists.
- :class:`Ordering` — a list of step keys in the right order (closed loop, process steps).
- :class:`Matching` — a dict term → candidate (term ↔ definition, German ↔ English).

All are frozen dataclasses with ``check(answer)`` (also callable as ``task(answer)``);
choice, ordering and matching tasks render their options with ``markdown()``.
At least a third of a chapter's tasks should test understanding (choice, prediction,
ordering, matching), not only arithmetic.

How to write a chapter's exercises
----------------------------------
1. **Checks module** ``crmsim/exercises/<topic>.py`` (e.g. ``contact_center.py`` for
   chapter 03). One module-level task object per check, named ``task_<n>_<what>``,
   with the title exactly as the notebook's heading (``"Task 3 · Agents for 80/20"``).
   Expected values are computed with ``crmsim`` inside a cached function (nothing is
   typed in by hand); the parameters of the tasks are module constants that the
   notebook states in its text. Unit-test the module (right answer passes, each
   typical mistake gets its hint, ``...`` is "not answered yet").
2. **Solution notebook** ``exercises/solutions/NN-<chapter>.ipynb`` is the single
   source. Per task: a ``## Task n · Title`` markdown cell (paste ``task.markdown()``
   for options), an **answer cell** whose answers are one-line assignments ending in
   ``# SOLUTION`` (``agents_needed = crmsim.agents_for_service_level(240, 4.5, 0.8)  #
   SOLUTION``), and a **check cell** ``checks.task_3_agents_for_80_20(agents_needed)``
   tagged ``nbval-check-output`` (cell tag, not a comment). Cells that only the
   solution shows are tagged ``solution-only``. The first cell imports the checks
   module as ``checks``; say in the opening text that ``make check`` grades the
   *saved* file.
3. **Run the solution** top to bottom, then ``python tools/clean_notebooks.py
   exercises/solutions/NN-<chapter>.ipynb``: it keeps only the check cells' outputs
   (the ``correct ✔`` lines, which are the expected outputs) and clears everything else.
4. **Build the student version** with ``crmsim exercises build`` (a maintainer's
   command): ``# SOLUTION`` right-hand sides become ``...``, ``solution-only`` cells
   go, and *no* cell keeps an output or execution count. It refuses to overwrite a
   student notebook that differs from the last generated version.
5. **Grade** with ``crmsim check exercises/NN-<chapter>.ipynb``: it stamps the
   solution's expected lines into a temporary copy, runs it with nbval on a fresh
   kernel, and prints one line per task as it goes. Add tests like those of chapter
   03 in ``tests/test_exercises.py``: the untouched student version scores 0 of N,
   all "not answered yet"; the solution scores N of N; the student file is not stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crmsim.exercises.choice import MultipleChoice, Option
from crmsim.exercises.classification import Classification
from crmsim.exercises.feedback import CORRECT, NOT_ANSWERED, Verdict
from crmsim.exercises.matching import Matching
from crmsim.exercises.numeric import Mistake, NumericTask
from crmsim.exercises.ordering import Ordering
from crmsim.exercises.prediction import PredictThenSimulate
from crmsim.exercises.variants import Variant, start
from crmsim.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from crmsim.exercises.check_runs import run_checks
    from crmsim.exercises.scoreboard import Scoreboard
    from crmsim.exercises.student import build_student_version, expected_student_text

#: Names loaded on first use: they need nbformat, which a running exercise does not.
_MODULE_OF = {
    "Scoreboard": "crmsim.exercises.scoreboard",
    "run_checks": "crmsim.exercises.check_runs",
    "build_student_version": "crmsim.exercises.student",
    "expected_student_text": "crmsim.exercises.student",
}


__getattr__, __dir__ = lazy_exports(__name__, _MODULE_OF, globals(), submodules=False)


__all__ = [
    "CORRECT",
    "NOT_ANSWERED",
    "Classification",
    "Matching",
    "Mistake",
    "MultipleChoice",
    "NumericTask",
    "Option",
    "Ordering",
    "PredictThenSimulate",
    "Scoreboard",
    "Variant",
    "Verdict",
    "build_student_version",
    "campaigns",
    "collaborative",
    "contact_center",
    "customer_database",
    "expected_student_text",
    "foundations",
    "run_checks",
    "satisfaction",
    "start",
]
