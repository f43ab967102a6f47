"""Queueing formulas for the contact center (Warteschlangentheorie im Call Center).

Analytic answers to "how long do callers wait with c agents?" and "how many
agents does 80/20 need?". Times are minutes inside, the results name their
unit (``asa_s`` in seconds, ``calls_per_hour``); every public function
validates its inputs and raises :class:`~crmsim.errors.InputError`.

* :func:`erlang_b`: loss system, share of calls that find every line busy.
* :func:`erlang_c` and :func:`erlang_c_metrics`: callers wait patiently (M/M/c).
* :func:`erlang_a_metrics`: callers hang up after an exponential patience (M/M/c+M).
* :func:`mmck_metrics`: limited phone lines, busy signal when all K lines are taken (M/M/c/K).
* :func:`priority_waits`: mean wait per priority class, VIP callers first (Cobham).
* :func:`staffing_for_service_level`, :func:`agents_for_service_level`: staffing.
* :func:`staffing_table`: one row of key figures per staffing level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmsim.queueing.erlang_bc import erlang_b, erlang_c, erlang_c_metrics
from crmsim.queueing.limited_lines import MAX_LINES, LimitedLinesMetrics, mmck_metrics
from crmsim.queueing.metrics import MODEL_ERLANG_A, MODEL_ERLANG_C, QueueMetrics
from crmsim.queueing.priority import PriorityClassWait, priority_waits
from crmsim.queueing.staffing import (
    STAFFING_TABLE_COLUMNS,
    StaffingPlan,
    agents_for_service_level,
    staffing_for_service_level,
    staffing_table,
)

if TYPE_CHECKING:
    from crmsim.queueing.erlang_a import erlang_a_metrics


def __getattr__(name: str) -> Any:
    # Erlang A needs SciPy; it is imported on first use so that Erlang C starts fast.
    if name == "erlang_a_metrics":
        from crmsim.queueing.erlang_a import erlang_a_metrics

        return erlang_a_metrics
    raise AttributeError(f"module 'crmsim.queueing' has no attribute {name!r}")


__all__ = [
    "MAX_LINES",
    "MODEL_ERLANG_A",
    "MODEL_ERLANG_C",
    "STAFFING_TABLE_COLUMNS",
    "LimitedLinesMetrics",
    "PriorityClassWait",
    "QueueMetrics",
    "StaffingPlan",
    "agents_for_service_level",
    "erlang_a_metrics",
    "erlang_b",
    "erlang_c",
    "erlang_c_metrics",
    "mmck_metrics",
    "priority_waits",
    "staffing_for_service_level",
    "staffing_table",
]
