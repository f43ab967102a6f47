"""The quick run of ``crmsim callcenter``: the textbook queue M/M/c (or M/M/c+M) simulated.

The run simulates ``--warmup-min`` minutes that are left out of the KPIs, then
``--hours`` measured hours; the report states both, so ``hours`` is the period
the counts refer to, as in ``crmsim erlang --hours``. Its inputs (calls per hour,
AHT, patience, offered load) stand beside the KPIs, so the JSON of a run is
complete on its own and comparable with the formulas key by key.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from crmsim.errors import InputError
from crmsim.limits import MAX_SIMULATED_CONTACTS
from crmsim.time_units import MINUTES_PER_HOUR

#: Keys of the quick run's JSON, shared with ``crmsim erlang`` for side-by-side comparison.
QUICK_KEYS = (
    "offered",
    "answered",
    "abandoned",
    "p_wait",
    "asa_s",
    "service_level",
    "abandon_rate",
    "occupancy",
)
DEFAULT_QUICK_HOURS = 500.0
DEFAULT_WARMUP_MIN = 60.0
DEFAULT_SL_THRESHOLD_S = 20.0


def _check(args: argparse.Namespace) -> None:
    """Refuse a quick run that misses options or cannot end, in one line."""
    if args.days is not None:
        raise InputError("--days applies to a scenario file; a quick run is as long as --hours")
    if args.compare:
        raise InputError("--compare needs two or more scenario files")
    needed = ("agents", "calls_per_hour", "aht_min")
    missing = [f"--{name.replace('_', '-')}" for name in needed if getattr(args, name) is None]
    if missing:
        raise InputError(
            f"without a scenario file, {', '.join(missing)} must be given "
            "(e.g. --agents 14 --calls-per-hour 200 --aht-min 3)"
        )
    total_h = args.hours + args.warmup_min / MINUTES_PER_HOUR
    expected = args.calls_per_hour * total_h * args.replications
    if expected > MAX_SIMULATED_CONTACTS:
        raise InputError(
            f"{args.calls_per_hour:g} calls per hour for {total_h:g} hours (warm-up included) "
            f"× {args.replications} replications are {expected:,.0f} calls; crmsim simulates at "
            f"most {MAX_SIMULATED_CONTACTS:,} (the limit of crmsim): lower --hours or "
            "--replications"
        )
    load = args.calls_per_hour * args.aht_min / MINUTES_PER_HOUR
    if args.patience_min is None and load >= args.agents:
        raise InputError(
            f"offered load {load:g} Erlang is not below {args.agents} agents: "
            "without --patience-min the queue grows without end"
        )


def quick_run(args: argparse.Namespace, show_progress: bool = False) -> int:
    """Simulate the textbook queue, print its KPIs (table or JSON), write --out if asked."""
    if args.hours is None:
        args.hours = DEFAULT_QUICK_HOURS
    if args.warmup_min is None:
        args.warmup_min = DEFAULT_WARMUP_MIN
    if args.sl_threshold_s is None:
        args.sl_threshold_s = DEFAULT_SL_THRESHOLD_S
    _check(args)
    from crmsim.cli.replicated_kpis import replicate
    from crmsim.scenario import mmc_scenario
    from crmsim.sim import simulate

    scenario = mmc_scenario(
        args.agents, args.calls_per_hour, args.aht_min, args.patience_min, args.sl_threshold_s
    )
    horizon_min = args.warmup_min + args.hours * MINUTES_PER_HOUR

    def run_one(run_seed: int) -> Any:
        result = simulate(scenario, seed=run_seed, horizon_min=horizon_min, progress=show_progress)
        return result, result.kpis(warmup_min=args.warmup_min)

    summary = replicate(run_one, args.seed, args.replications)
    report = quick_report(args, summary)
    if args.out:
        from crmsim.cli.run_folder import command_line, write_run_folder

        folder = Path(args.out)
        write_run_folder(summary.first, report, folder, command_line(args, folder))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    from crmsim.cli.kpi_tables import format_kpis

    runs = (
        f"seed {args.seed}"
        if args.replications == 1
        else f"seeds {summary.seeds[0]}-{summary.seeds[-1]}, mean [95 % confidence interval]"
    )
    print(
        f"{scenario.name}: {scenario.description}; {args.hours:g} h measured after "
        f"{args.warmup_min:g} min warm-up, {runs}"
    )
    print(format_kpis(summary.mean, summary.low, summary.high))
    if args.out:
        print(f"tables written to {args.out}")
    return 0


def quick_report(args: argparse.Namespace, summary: Any) -> dict[str, Any]:
    """The JSON object of a quick run: inputs, length, seeds, the phone KPIs (and intervals).

    ``hours`` is the measured period the counts refer to; ``simulated_hours`` adds the
    warm-up. With replications the KPIs are means and ``ci95`` holds [low, high] of each.
    """
    from crmsim.cli.replicated_kpis import intervals, plain

    phone = summary.mean.loc["phone"]
    report: dict[str, Any] = {
        "model": "erlang_a" if args.patience_min else "erlang_c",
        "agents": args.agents,
        "calls_per_hour": plain(args.calls_per_hour),
        "aht_min": plain(args.aht_min),
        "patience_min": plain(args.patience_min),
        "offered_load_erl": args.calls_per_hour * args.aht_min / MINUTES_PER_HOUR,
        "sl_threshold_s": plain(args.sl_threshold_s),
        "hours": plain(args.hours),
        "warmup_min": plain(args.warmup_min),
        "simulated_hours": plain(summary.first.horizon_min / MINUTES_PER_HOUR),
        "seed": summary.seeds[0],
        "replications": len(summary.seeds),
        **{key: plain(phone[key]) for key in QUICK_KEYS},
    }
    if summary.low is not None:
        report["ci95"] = {key: intervals(summary)["phone"][key] for key in QUICK_KEYS}
    return report
