"""``crmsim callcenter``: simulate scenario files, or the textbook queue from options.

Several scenario files run with the same seed (the same customers with the same
needs: common random numbers), so their difference is the centers' doing. Each
gets a KPI table, or with ``--compare`` they share one table side by side.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmsim.cli.commands import COMMANDS
from crmsim.cli.options import real_number, seed, whole_number
from crmsim.cli.paths import check_output_folder
from crmsim.errors import InputError
from crmsim.limits import MAX_AGENTS, MAX_CALLS_PER_HOUR, MAX_DAYS, MAX_HOURS, MAX_MINUTES
from crmsim.time_units import MINUTES_PER_DAY, MINUTES_PER_HOUR

if TYPE_CHECKING:  # the simulator and pandas load when a run starts, not for --help
    from crmsim.cli.replicated_kpis import ReplicatedKpis
    from crmsim.scenario import Scenario

QUICK_OPTIONS = ("agents", "calls_per_hour", "aht_min")
#: Options of the quick run only (given with scenario files, they would be ignored).
QUICK_ONLY = (*QUICK_OPTIONS, "patience_min", "hours", "sl_threshold_s", "warmup_min")
MAX_REPLICATIONS = 1000
"""Most seeds one ``--replications`` may ask for (the limit of crmsim)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``callcenter`` sub-command."""
    parser = subparsers.add_parser(
        "callcenter",
        help=COMMANDS["callcenter"].help,
        description="Simulate the scenarios in SCENARIO.yaml files (or shipped scenarios by "
        "name), or without a file the textbook M/M/c queue (M/M/c+M with --patience-min) "
        "given by --agents, --calls-per-hour and --aht-min. Prints a KPI table per channel "
        "and scenario, or with --compare one table of all scenarios side by side. Every "
        "scenario runs with the same seeds. --out also writes the contact, interval and "
        "agent tables (CSV), kpis.json and a README.md describing their columns.",
    )
    parser.add_argument(
        "scenarios", nargs="*", metavar="SCENARIO.yaml", help="scenario files or shipped names"
    )
    parser.add_argument(
        "--compare", action="store_true", help="one table with the scenarios side by side"
    )
    parser.add_argument(
        "--days",
        type=whole_number(1, MAX_DAYS),
        metavar="N",
        help=f"days to simulate (scenario files only; 1-{MAX_DAYS})",
    )
    parser.add_argument(
        "--seed", type=seed, default=1, metavar="N", help="random seed, ≥ 0 (default 1)"
    )
    parser.add_argument(
        "--replications",
        type=whole_number(1, MAX_REPLICATIONS),
        default=1,
        metavar="N",
        help="run the seeds SEED … SEED+N-1 and give each KPI as mean [95 %% confidence "
        "interval] (default 1)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write the result tables to this folder (one sub-folder per scenario when "
        "several are given; missing folders are created)",
    )
    parser.add_argument("--json", action="store_true", help="print inputs and KPIs as JSON")
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
        help="hours measured after the warm-up (default 500)",
    )
    quick.add_argument(
        "--sl-threshold-s",
        type=real_number(0, MAX_MINUTES * 60),
        metavar="SECONDS",
        help="service-level threshold (default 20)",
    )
    quick.add_argument(
        "--warmup-min",
        type=real_number(0, MAX_HOURS * 60),
        metavar="MINUTES",
        help="simulated before the measured hours and left out of the KPIs (default 60)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check the options, simulate, print the KPIs, and write the tables when asked."""
    given = [f"--{n.replace('_', '-')}" for n in QUICK_ONLY if getattr(args, n) is not None]
    if args.scenarios and given:
        raise InputError(
            f"{', '.join(given)} belong to a quick run without a scenario file; a scenario "
            "file sets its own channels and runs for --days days"
        )
    if args.out:
        check_output_folder(Path(args.out))
    if not args.scenarios:
        from crmsim.cli.callcenter_quick import quick_run

        return quick_run(args, show_progress=_show_progress(args))
    if args.compare and len(args.scenarios) < 2:
        raise InputError("--compare needs two or more scenario files")
    return _scenario_runs(args)


def _scenario_runs(args: argparse.Namespace) -> int:
    from crmsim.scenario import load_scenario
    from crmsim.scenario.runnable import check_run_size

    scenarios: dict[str, tuple[str, Scenario]] = {}
    for given in args.scenarios:  # every file is checked before the first run starts
        scenario = load_scenario(given)
        if args.days is not None:
            check_run_size(scenario, args.days, "--days")
        scenarios[_run_name(given, scenarios)] = (given, scenario)
    if args.out and len(scenarios) > 1:  # every sub-folder is checked before any run, too
        for name in scenarios:
            check_output_folder(Path(args.out) / name)
    from crmsim.cli.replicated_kpis import replicate

    summaries, reports = {}, {}
    for name, (given, scenario) in scenarios.items():
        summary = replicate(_scenario_runner(scenario, args), args.seed, args.replications)
        summaries[name] = summary
        reports[name] = scenario_report(given, scenario, summary)
        if args.out:
            from crmsim.cli.run_folder import command_line, write_run_folder

            folder = Path(args.out) if len(scenarios) == 1 else Path(args.out) / name
            command = command_line(args, folder, given)
            write_run_folder(summary.first, reports[name], folder, command)
    if args.json:
        shown: Any = next(iter(reports.values())) if len(reports) == 1 else list(reports.values())
        print(json.dumps(shown, indent=2))
        return 0
    _print_tables(summaries, scenarios, args)
    return 0


def _run_name(given: str, taken: dict[str, Any]) -> str:
    """A short name for a run: the file's stem, numbered when two runs share it."""
    stem = Path(given).stem or given
    name, number = stem, 2
    while name in taken:
        name, number = f"{stem}-{number}", number + 1
    return name


def _scenario_runner(scenario: Scenario, args: argparse.Namespace) -> Any:
    from crmsim.sim import simulate

    def run_one(run_seed: int) -> Any:
        result = simulate(scenario, seed=run_seed, days=args.days, progress=_show_progress(args))
        return result, result.kpis()

    return run_one


def scenario_report(given: str, scenario: Scenario, summary: ReplicatedKpis) -> dict[str, Any]:
    """The JSON object of one scenario: what was run, the channels' inputs and the KPIs."""
    from crmsim.cli.replicated_kpis import intervals, per_channel, plain
    from crmsim.cli.scenario_inputs import channel_inputs

    hours = summary.first.horizon_min / MINUTES_PER_HOUR
    inputs = {
        channel: {key: plain(value) for key, value in values.items()}
        for channel, values in channel_inputs(scenario, summary.first.horizon_min).items()
    }
    report: dict[str, Any] = {
        "scenario": scenario.name,
        "file": given,
        "days": plain(hours * MINUTES_PER_HOUR / MINUTES_PER_DAY),
        "hours": plain(hours),
        "simulated_hours": plain(hours),
        "seed": summary.seeds[0],
        "replications": len(summary.seeds),
        "inputs": inputs,
        "kpis": per_channel(summary.mean),
    }
    if summary.low is not None:
        report["ci95"] = intervals(summary)
    return report


def run_heading(
    name: str, summary: ReplicatedKpis, shown: str = "mean [95 % confidence interval]"
) -> str:
    """``ADAC telematics call center: 1 days, seed 2`` (seeds and what is shown when
    replicated)."""
    days = summary.first.horizon_min / MINUTES_PER_DAY
    seeds = summary.seeds
    if len(seeds) == 1:
        return f"{name}: {days:g} days, seed {seeds[0]}"
    return f"{name}: {days:g} days, seeds {seeds[0]}-{seeds[-1]} ({shown} over {len(seeds)} runs)"


def _print_tables(
    summaries: dict[str, ReplicatedKpis],
    scenarios: dict[str, tuple[str, Scenario]],
    args: argparse.Namespace,
) -> None:
    from crmsim.cli.kpi_tables import format_comparison, format_kpis

    if args.compare:
        from crmsim.cli.replicated_kpis import paired_difference

        for name, summary in summaries.items():
            print(run_heading(f"{name} = {scenarios[name][1].name}", summary, "means"))
        pair = list(summaries.values())
        difference = None
        if len(pair) == 2 and args.replications > 1:
            difference = paired_difference(pair[0], pair[1])
            print("difference: mean [95 % interval] of the differences seed by seed")
        print()
        print(format_comparison({name: s.mean for name, s in summaries.items()}, difference))
    else:
        for index, (name, summary) in enumerate(summaries.items()):
            if index:
                print()
            print(run_heading(scenarios[name][1].name, summary))
            print(format_kpis(summary.mean, summary.low, summary.high))
    if args.out:
        print(f"tables written to {args.out}")


def _show_progress(args: argparse.Namespace) -> bool:
    return not args.json and sys.stderr.isatty()
