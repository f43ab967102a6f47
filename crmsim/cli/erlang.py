"""``crmsim erlang``: queueing formulas for one staffing level or one service-level target."""

from __future__ import annotations

import argparse
import json
from typing import Any

from crmsim.analytics.glossary import label
from crmsim.cli.commands import COMMANDS
from crmsim.cli.options import real_number, whole_number
from crmsim.errors import InputError
from crmsim.limits import (
    MAX_AGENTS,
    MAX_CALLS_PER_HOUR,
    MAX_HOURS,
    MAX_MINUTES,
    MAX_OFFERED_LOAD,
)
from crmsim.queueing import (
    MAX_LINES,
    MODEL_ERLANG_A,
    LimitedLinesMetrics,
    QueueMetrics,
    erlang_c_metrics,
    mmck_metrics,
    staffing_for_service_level,
)

MODEL_LIMITED_LINES = "mmck"
MODEL_TITLES = {
    "erlang_c": "Erlang C (M/M/c, callers wait patiently)",
    "erlang_a": "Erlang A (M/M/c+M, waiting callers hang up)",
    MODEL_LIMITED_LINES: "M/M/c/K (limited lines, busy signal when all are taken)",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``erlang`` sub-command."""
    parser = subparsers.add_parser(
        "erlang",
        help=COMMANDS["erlang"].help,
        description="Analytic key figures of a contact center queue: Erlang C, Erlang A "
        "when --patience-min is given, or M/M/c/K when --lines is given. With --agents the "
        "figures for that staffing level; "
        "with --target-sl the fewest agents that reach the service level, and the figures "
        "there. Expected call counts refer to --hours hours.",
    )
    staffing = parser.add_mutually_exclusive_group(required=True)
    staffing.add_argument(
        "--agents", type=whole_number(1, MAX_AGENTS), metavar="N", help="agents on the phones (≥ 1)"
    )
    staffing.add_argument(
        "--target-sl",
        type=real_number(0, 1, low_open=True, limit=False),
        metavar="SHARE",
        help="required service level, 0 < SHARE < 1 (e.g. 0.8 for 80/20); prints the agents "
        "needed instead",
    )
    parser.add_argument(
        "--calls-per-hour",
        type=real_number(0, MAX_CALLS_PER_HOUR),
        required=True,
        metavar="RATE",
        help="arrival rate (calls per hour, ≥ 0)",
    )
    parser.add_argument(
        "--aht-min",
        type=real_number(0, MAX_MINUTES, low_open=True),
        required=True,
        metavar="MINUTES",
        help="average handling time (minutes, > 0)",
    )
    parser.add_argument(
        "--patience-min",
        type=real_number(0, MAX_MINUTES, low_open=True),
        metavar="MINUTES",
        help="mean caller patience (minutes, > 0); selects Erlang A (default: Erlang C)",
    )
    parser.add_argument(
        "--lines",
        type=whole_number(1, MAX_LINES),
        metavar="K",
        help="telephone lines K ≥ --agents; selects M/M/c/K: a call that finds all K lines "
        "taken hears the busy signal (Besetztzeichen)",
    )
    parser.add_argument(
        "--sl-threshold-s",
        type=real_number(0, MAX_MINUTES * 60),
        metavar="SECONDS",
        default=20.0,
        help="service-level threshold (seconds, default 20)",
    )
    parser.add_argument(
        "--hours",
        type=real_number(0, MAX_HOURS, low_open=True),
        default=1.0,
        help="period for expected call counts (default 1)",
    )
    parser.add_argument(
        "--max-occupancy",
        type=real_number(0, 1, low_open=True, limit=False),
        metavar="SHARE",
        help="with --target-sl: highest acceptable occupancy, 0 < SHARE ≤ 1",
    )
    parser.add_argument(
        "--shrinkage",
        type=real_number(0, 1, limit=False),
        metavar="SHARE",
        help="with --target-sl: share of paid time off the phones, 0 ≤ SHARE < 1 (default 0)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Compute and print the figures (text table or JSON)."""
    load = args.calls_per_hour * args.aht_min / 60
    if load > MAX_OFFERED_LOAD:
        raise InputError(
            f"offered load {load:,.0f} Erlang (--calls-per-hour × --aht-min / 60) is above "
            f"{MAX_OFFERED_LOAD:,.0f} Erlang (the limit of crmsim)"
        )
    if args.lines is not None:
        _check_lines(args)
        report = _lines_report(
            mmck_metrics(
                args.agents, args.lines, args.calls_per_hour, args.aht_min, args.sl_threshold_s
            ),
            args,
        )
        print(json.dumps(report, indent=2) if args.json else "\n".join(_lines_table(report)))
        return 0
    if args.target_sl is None:
        for option, value in (
            ("--max-occupancy", args.max_occupancy),
            ("--shrinkage", args.shrinkage),
        ):
            if value is not None:
                raise InputError(f"{option} only applies together with --target-sl")
        metrics = _metrics(args)
        report = _report(metrics, args.hours)
        lines = _table(report)
    else:
        plan = staffing_for_service_level(
            args.calls_per_hour,
            args.aht_min,
            args.target_sl,
            sl_threshold_s=args.sl_threshold_s,
            patience_min=args.patience_min,
            max_occupancy=args.max_occupancy,
            shrinkage=0.0 if args.shrinkage is None else args.shrinkage,
        )
        report = _report(plan.metrics, args.hours)
        report.update(
            agents_needed=plan.agents_on_phones,
            scheduled_headcount=plan.scheduled_headcount,
            target_sl=args.target_sl,
            max_occupancy=args.max_occupancy,
            shrinkage=plan.shrinkage,
            limited_by=plan.limited_by,
        )
        lines = [_staffing_line(report), *_table(report)]
    print(json.dumps(report, indent=2) if args.json else "\n".join(lines))
    return 0


def _check_lines(args: argparse.Namespace) -> None:
    """Refuse option combinations M/M/c/K does not answer, in one line each."""
    if args.agents is None:
        raise InputError(
            "--lines needs --agents: M/M/c/K gives the figures of one staffing level "
            "(--target-sl assumes unlimited lines)"
        )
    if args.patience_min is not None:
        raise InputError(
            "--lines cannot be combined with --patience-min: M/M/c/K assumes callers who "
            "wait until answered"
        )
    for option, value in (("--max-occupancy", args.max_occupancy), ("--shrinkage", args.shrinkage)):
        if value is not None:
            raise InputError(f"{option} only applies together with --target-sl")
    if args.lines < args.agents:
        raise InputError(
            f"--lines must be ≥ --agents ({args.agents:,}), got {args.lines:,}: every agent "
            "talks on a line of their own"
        )


def _lines_report(metrics: LimitedLinesMetrics, args: argparse.Namespace) -> dict[str, Any]:
    """The JSON object of an M/M/c/K question: inputs, expected counts over --hours, figures.

    ``p_blocked`` is the share of calls that hear the busy signal; ``service_level``,
    ``p_wait`` and ``asa_s`` refer to the calls that got a line (as in the simulator, where
    blocked calls never waited in the queue).
    """
    offered = args.calls_per_hour * args.hours
    blocked = offered * metrics.blocked
    return {
        "model": MODEL_LIMITED_LINES,
        "agents": metrics.agents,
        "lines": metrics.lines,
        "hours": float(args.hours),
        "offered": offered,
        "answered": offered - blocked,
        "abandoned": 0.0,
        "blocked": blocked,
        "calls_per_hour": float(args.calls_per_hour),
        "aht_min": float(args.aht_min),
        "patience_min": None,
        "sl_threshold_s": metrics.sl_threshold_s,
        "offered_load_erl": metrics.offered_load_erl,
        "p_blocked": metrics.blocked,
        "p_wait": metrics.p_wait,
        "asa_s": metrics.asa_s,
        "service_level": metrics.service_level,
        "abandon_rate": 0.0,
        "occupancy": metrics.occupancy,
    }


def _lines_table(report: dict[str, Any]) -> list[str]:
    """The M/M/c/K figures as a small table with the German key terms."""
    rows = [
        ("model", MODEL_TITLES[MODEL_LIMITED_LINES]),
        (label("agents"), f"{report['agents']}"),
        (label("lines"), f"{report['lines']}"),
        (label("calls_per_hour"), f"{report['calls_per_hour']:g}"),
        (label("aht_min"), f"{report['aht_min']:g} min"),
        (label("offered_load_erl"), f"{report['offered_load_erl']:.3f} Erlang"),
        (label("p_blocked"), f"{report['p_blocked']:.2%}"),
        (f"{label('p_wait')}, of calls that got a line", f"{report['p_wait']:.2%}"),
        (f"{label('asa_s')}, of calls that got a line", f"{report['asa_s']:.2f} s"),
        (
            f"{label('service_level')}, answered within {report['sl_threshold_s']:g} s, "
            "of calls that got a line",
            f"{report['service_level']:.2%}",
        ),
        (label("occupancy"), f"{report['occupancy']:.2%}"),
        (
            f"calls in {report['hours']:g} h: offered / answered / busy signal",
            f"{report['offered']:.1f} / {report['answered']:.1f} / {report['blocked']:.1f}",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    return [f"{name:<{width}}  {value}" for name, value in rows]


def _metrics(args: argparse.Namespace) -> QueueMetrics:
    if args.patience_min is None:
        return erlang_c_metrics(args.agents, args.calls_per_hour, args.aht_min, args.sl_threshold_s)
    from crmsim.queueing.erlang_a import erlang_a_metrics  # SciPy, only for Erlang A

    return erlang_a_metrics(
        args.agents, args.calls_per_hour, args.aht_min, args.patience_min, args.sl_threshold_s
    )


def _report(metrics: QueueMetrics, hours: float) -> dict[str, object]:
    """The JSON object: parameters, expected counts over ``hours`` and the key figures."""
    counts = metrics.expected_calls(hours)
    figures = metrics.as_dict()
    return {
        "model": figures.pop("model"),
        "agents": figures.pop("agents"),
        "hours": float(hours),
        **counts,
        **figures,
    }


def _staffing_line(report: dict[str, Any]) -> str:
    line = (
        f"agents needed for {report['target_sl'] * 100:g}% within {report['sl_threshold_s']:g} s: "
        f"{report['agents_needed']} on the phones"
    )
    if report["shrinkage"]:
        line += (
            f", {report['scheduled_headcount']} scheduled with "
            f"{report['shrinkage']:.0%} shrinkage (Ausfallquote)"
        )
    return f"{line} (limited by {report['limited_by']})"


def _table(report: dict[str, object]) -> list[str]:
    """A small readable table with English terms and the German key terms."""
    patience = report["patience_min"]
    rows = [
        ("model", MODEL_TITLES[str(report["model"])]),
        (label("agents"), f"{report['agents']}"),
        (label("calls_per_hour"), f"{report['calls_per_hour']:g}"),
        (label("aht_min"), f"{report['aht_min']:g} min"),
    ]
    if report["model"] == MODEL_ERLANG_A:
        rows.append((label("patience_min"), f"{patience:g} min"))
    rows += [
        (label("offered_load_erl"), f"{report['offered_load_erl']:.3f} Erlang"),
        (label("p_wait"), f"{report['p_wait']:.2%}"),
        (label("asa_s"), f"{report['asa_s']:.2f} s"),
        (
            f"{label('service_level')}, answered within {report['sl_threshold_s']:g} s",
            f"{report['service_level']:.2%}",
        ),
        (label("abandon_rate"), f"{report['abandon_rate']:.2%}"),
        (label("occupancy"), f"{report['occupancy']:.2%}"),
        (
            f"calls in {report['hours']:g} h: offered / answered / abandoned",
            f"{report['offered']:.1f} / {report['answered']:.1f} / {report['abandoned']:.1f}",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    return [f"{label:<{width}}  {value}" for label, value in rows]
