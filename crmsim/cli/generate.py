"""``crmsim generate``: simulate a customer base and write the CRM data warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from crmsim.cli.commands import COMMANDS
from crmsim.cli.options import seed, whole_number
from crmsim.cli.paths import check_output_folder
from crmsim.errors import InputError, shorten
from crmsim.limits import MAX_CUSTOMERS

FORMATS = ("csv", "parquet", "duckdb", "all")
"""The values of --format (the writers check them again)."""
MAX_JOBS = 64
"""Most worker processes one run may start."""
FIRST_START, LAST_START = dt.date(1900, 1, 1), dt.date(2100, 12, 1)
"""The range of --start: calendars far outside it are not what a CRM dataset needs."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``generate`` sub-command."""
    parser = subparsers.add_parser(
        "generate",
        help=COMMANDS["generate"].help,
        description="Simulate private and business customers over a period (buying, service "
        "contacts, complaints, campaigns, churn) and write the star schema as CSV, Parquet or "
        "a DuckDB database. The same seed gives the same files whatever --jobs is.",
    )
    parser.add_argument(
        "--customers",
        type=whole_number(1, MAX_CUSTOMERS),
        required=True,
        help=f"people in the database (1-{MAX_CUSTOMERS:,})",
    )
    parser.add_argument(
        "--years",
        type=whole_number(1, 20, limit=False),
        default=2,
        help="length of the period in years (1-20)",
    )
    parser.add_argument("--seed", type=seed, default=2024, help="random seed ≥ 0 (default 2024)")
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument("--format", default="parquet", help=f"one of {', '.join(FORMATS)}")
    parser.add_argument(
        "--jobs",
        type=whole_number(1, MAX_JOBS),
        default=1,
        help=f"worker processes (default 1, at most {MAX_JOBS})",
    )
    parser.add_argument(
        "--start", default="2024-01-01", help="first day of the period, a first of the month"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an --out folder that an earlier crmsim generate wrote (never any other)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(handler=run)


def _start_date(text: str) -> dt.date:
    try:
        start = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--start must be a date like 2024-01-01, got {shorten(text)!r}") from None
    if start.day != 1:
        raise InputError(f"--start must be the first day of a month, got {text}")
    if not FIRST_START <= start <= LAST_START:
        raise InputError(f"--start must lie between {FIRST_START} and {LAST_START}, got {text}")
    return start


def run(args: argparse.Namespace) -> int:
    """Generate the dataset and print a short summary."""
    if args.format not in FORMATS:
        raise InputError(
            f"--format must be one of {', '.join(FORMATS)}, got {shorten(args.format)!r}"
        )
    start = _start_date(args.start)
    check_output_folder(args.out)

    from crmsim.lifecycle.params import LifecycleParameters
    from crmsim.warehouse.dictionary import data_dictionary
    from crmsim.warehouse.generation import check_request, generate

    check_request(args.customers, args.years, args.jobs, args.format, args.out, args.force)
    params = LifecycleParameters(start_date=start)
    command = (
        f"crmsim generate --customers {args.customers} --years {args.years} --seed {args.seed} "
        f"--format {args.format} --out {args.out}"
        + ("" if args.start == "2024-01-01" else f" --start {args.start}")
    )
    summary = generate(
        args.customers,
        args.years,
        args.seed,
        args.out,
        args.format,
        jobs=args.jobs,
        force=args.force,
        params=params,
        progress=not args.quiet,
        readme=data_dictionary(command, args.customers, args.years, args.start, args.format),
        command=command,
    )
    if not args.quiet:
        rows = summary.rows
        print(
            f"wrote {len(summary.files)} files to {summary.out}: "
            f"{rows['dim_customer']:,} people, {rows['fact_order']:,} order lines, "
            f"{rows['fact_interaction']:,} service contacts, "
            f"{rows['fact_campaign_contact']:,} campaign contacts, "
            f"{rows['fact_complaint']:,} complaints "
            f"(simulated in {summary.simulate_s:.1f} s, written in {summary.write_s:.1f} s)",
            file=sys.stdout,
        )
        print(
            f"revenue {summary.revenue_eur:,.0f} EUR; churn {summary.churn_per_customer_year:.1%} "
            f"per customer-year; winning a customer costs "
            f"{summary.acquisition_to_retention_cost:.1f}× keeping one for a year",
            file=sys.stdout,
        )
    return 0
