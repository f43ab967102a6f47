"""``crmsim callcenter``: simulate a scenario file, or the textbook queue from options."""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmsim.cli.commands import COMMANDS
from crmsim.cli.options import real_number, seed, whole_number
from crmsim.cli.paths import check_output_folder
from crmsim.errors import InputError
from crmsim.limits import (
    MAX_AGENTS,
    MAX_CALLS_PER_HOUR,
    MAX_DAYS,
    MAX_HOURS,
    MAX_MINUTES,
    MAX_SIMULATED_CONTACTS,
)
from crmsim.time_units import MINUTES_PER_DAY

if TYPE_CHECKING:  # the simulator and pandas load when a run starts, not for --help
    import pandas as pd

    from crmsim.sim import SimulationResult

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
QUICK_OPTIONS = ("agents", "calls_per_hour", "aht_min")
DEFAULT_QUICK_HOURS = 500.0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``callcenter`` sub-command."""
    parser = subparsers.add_parser(
        "callcenter",
        help=COMMANDS["callcenter"].help,
        description="Simulate the scenario in SCENARIO.yaml, or without a file the textbook "
        "M/M/c queue (M/M/c+M with --patience-min) given by --agents, --calls-per-hour and "
        "--aht-min. Prints a KPI table per channel; --out also writes the contact, interval "
        "and agent tables (CSV) and kpis.json.",
    )
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO.yaml", help="scenario file")
    parser.add_argument(
        "--days",
        type=whole_number(1, MAX_DAYS),
        metavar="N",
        help=f"days to simulate (scenario file only; 1-{MAX_DAYS})",
    )
    parser.add_argument(
        "--seed", type=seed, default=1, metavar="N", help="random seed, ≥ 0 (default 1)"
    )
    parser.add_argument("--out", metavar="DIR", help="write the result tables to this folder")
    parser.add_argument("--json", action="store_true", help="print the KPI summary as JSON")
    quick = parser.add_argument_group("quick run without a scenario file (M/M/c or M/M/c+M)")
    quick.add_argument(
        "--agents", type=whole_number(1, MAX_AGENTS), metavar="N", help="agents on duty (≥ 1)"
    )
    quick.add_argument(
        "--calls-per-hour",
        type=real_number(0, MAX_CALLS_PER_HOUR, low_open=True),
        metavar="RATE",
        help="arrivals per hour",
    )
    quick.add_argument(
        "--aht-min",
        type=real_number(0, MAX_MINUTES, low_open=True),
        metavar="MINUTES",
        help="mean handling time",
    )
    quick.add_argument(
        "--patience-min",
        type=real_number(0, MAX_MINUTES, low_open=True),
        metavar="MINUTES",
        help="mean patience",
    )
    quick.add_argument(
        "--hours",
        type=real_number(0, MAX_HOURS, low_open=True),
        help="simulated hours (default 500)",
    )
    quick.add_argument(
        "--sl-threshold-s", type=real_number(0, MAX_MINUTES * 60), default=20.0, metavar="SECONDS"
    )
    quick.add_argument(
        "--warmup-min",
        type=real_number(0, MAX_HOURS * 60),
        default=60.0,
        metavar="MINUTES",
        help="leave out calls arriving in the first minutes (default 60)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Simulate, print the KPIs, and write the tables when asked."""
    from crmsim.scenario import load_scenario
    from crmsim.scenario.runnable import check_run_size

    given = [name for name in QUICK_OPTIONS if getattr(args, name) is not None]
    if args.scenario and given:
        raise InputError("give either a scenario file or --agents/--calls-per-hour/--aht-min")
    if args.out:
        check_output_folder(Path(args.out))
    if args.scenario is None:
        if args.days is not None:
            raise InputError("--days applies to a scenario file; a quick run is as long as --hours")
        missing = [f"--{n.replace('_', '-')}" for n in QUICK_OPTIONS if getattr(args, n) is None]
        if missing:
            raise InputError(
                f"without a scenario file, {', '.join(missing)} must be given "
                "(e.g. --agents 14 --calls-per-hour 200 --aht-min 3)"
            )
        return _quick_run(args)
    if args.hours is not None:
        raise InputError("--hours applies to a quick run; a scenario file runs for --days days")
    scenario = load_scenario(args.scenario)
    if args.days is not None:
        check_run_size(scenario, args.days, "--days")
    from crmsim.sim import simulate  # after the checks: a refused file is reported fast

    result = simulate(scenario, seed=args.seed, days=args.days, progress=_show_progress(args))
    kpis = result.kpis()
    if args.out:
        write_tables(result, kpis, Path(args.out))
    if args.json:
        print(json.dumps(_json_ready(kpis), indent=2))
    else:
        print(f"{scenario.name}: {result.horizon_min / MINUTES_PER_DAY:g} days, seed {args.seed}")
        print(format_kpis(kpis))
        if args.out:
            print(f"tables written to {args.out}")
    return 0


def _quick_run(args: argparse.Namespace) -> int:
    from crmsim.scenario import mmc_scenario

    if args.hours is None:
        args.hours = DEFAULT_QUICK_HOURS
    if args.calls_per_hour * args.hours > MAX_SIMULATED_CONTACTS:
        raise InputError(
            f"{args.calls_per_hour:g} calls per hour for {args.hours:g} hours are "
            f"{args.calls_per_hour * args.hours:,.0f} calls; one run simulates at most "
            f"{MAX_SIMULATED_CONTACTS:,} (the limit of crmsim): lower --hours"
        )
    if not 0 <= args.warmup_min < args.hours * 60:
        raise InputError(
            f"--warmup-min must be ≥ 0 and shorter than the run, got {args.warmup_min}"
        )
    scenario = mmc_scenario(
        args.agents, args.calls_per_hour, args.aht_min, args.patience_min, args.sl_threshold_s
    )
    if args.patience_min is None and args.calls_per_hour * args.aht_min / 60 >= args.agents:
        raise InputError(
            f"offered load {args.calls_per_hour * args.aht_min / 60:g} Erlang is not below "
            f"{args.agents} agents: without --patience-min the queue grows without end"
        )
    from crmsim.sim import simulate

    result = simulate(
        scenario, seed=args.seed, horizon_min=args.hours * 60, progress=_show_progress(args)
    )
    kpis = result.kpis(warmup_min=args.warmup_min)
    if args.out:
        write_tables(result, kpis, Path(args.out))
    phone = kpis.loc["phone"]
    report: dict[str, Any] = {
        "model": "erlang_a" if args.patience_min else "erlang_c",
        "agents": args.agents,
        "hours": args.hours,
        "warmup_min": args.warmup_min,
        "seed": args.seed,
        **{key: _plain(phone[key]) for key in QUICK_KEYS},
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{scenario.name}: {scenario.description}; {args.hours:g} h simulated")
        print(format_kpis(kpis))
    return 0


def _show_progress(args: argparse.Namespace) -> bool:
    return not args.json and sys.stderr.isatty()


def _plain(value: Any) -> Any:
    """A JSON-ready Python number (NaN becomes None)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            return None
        return int(number) if float(number).is_integer() and abs(number) < 2**53 else number
    return value.item() if hasattr(value, "item") else value


def _json_ready(kpis: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """KPIs per channel as plain Python numbers."""
    return {
        str(channel): {key: _plain(value) for key, value in row.items()}
        for channel, row in kpis.iterrows()
    }


def format_kpis(kpis: pd.DataFrame) -> str:
    """The KPI summary as an aligned text table, one column per channel.

    Labels (with the German terms) and units come from the KPI glossary.
    """
    import pandas as pd

    from crmsim.analytics.glossary import format_value, label

    keys = [
        "offered",
        "answered",
        "abandoned",
        "blocked",
        "callback_requested",
        "self_served",
        "service_level",
        "asa_s",
        "abandon_rate",
        "aht_min",
        "fcr",
        "response_time_h",
        "occupancy",
    ]
    rows = kpis.iterrows()
    cells = {channel: [format_value(key, row[key]) for key in keys] for channel, row in rows}
    shown = pd.DataFrame(cells, index=[label(key) for key in keys])
    return shown.to_string()


def write_tables(result: SimulationResult, kpis: pd.DataFrame, folder: Path) -> None:
    """Write contacts.csv, intervals.csv, agent_states.csv and kpis.json into ``folder``.

    The files are written to a temporary folder beside ``folder`` and moved into
    place at the end, so an interrupted run leaves no half-written set.
    """
    check_output_folder(folder)
    parent = folder.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    try:
        result.contacts.to_csv(staging / "contacts.csv", index=False)
        result.intervals().to_csv(staging / "intervals.csv", index=False)
        result.agent_states().to_csv(staging / "agent_states.csv", index=False)
        (staging / "kpis.json").write_text(json.dumps(_json_ready(kpis), indent=2) + "\n")
        folder.mkdir(exist_ok=True)
        for file in staging.iterdir():
            os.replace(file, folder / file.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
