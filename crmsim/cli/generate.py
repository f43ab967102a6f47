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

FORMATS = ("csv", "parquet", "duckdb", "all", "partitioned")
"""The values of --format (the writers check them again)."""
PARTITION_NOTE = (
    "\n## Layout of this folder\n\n"
    "Written with `--format partitioned`: every table is a folder of Parquet files, one per "
    "block of customers (`fact_order/part-000000.parquet`, ...). Read a table whole with "
    '`pd.read_parquet("fact_order")` or `crmsim.warehouse.read_table("fact_order", folder)`, '
    "or query it with DuckDB: `SELECT * FROM read_parquet('fact_order/*.parquet')`. Keys are "
    "numbered within a block and offset by block × 1,000,000,000, so they are unique but not "
    "consecutive.\n"
)
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
        "a DuckDB database; --format partitioned writes Parquet files per table and customer "
        "block in flat memory, for bases of millions. The same seed gives the same files "
        "whatever --jobs or --dask is.",
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
    parser.add_argument(
        "--format",
        default=None,
        help=f"one of {', '.join(FORMATS)} (default parquet; partitioned with --dask)",
    )
    parser.add_argument(
        "--jobs",
        type=whole_number(1, MAX_JOBS),
        default=1,
        help=f"worker processes (default 1, at most {MAX_JOBS}); with --dask local: workers",
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run the customer blocks on a Dask cluster: a scheduler address such as "
        "tcp://127.0.0.1:8786, or 'local' for one on this machine (needs crmsim[scale]; "
        "writes --format partitioned, the same bytes as --jobs 1)",
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
    if args.format is None:
        args.format = "partitioned" if args.dask else "parquet"
    if args.format not in FORMATS:
        raise InputError(
            f"--format must be one of {', '.join(FORMATS)}, got {shorten(args.format)!r}"
        )
    start = _start_date(args.start)
    if args.dask is not None:
        from crmsim.warehouse.dask_runner import check_address

        check_address(args.dask)
        if args.format != "partitioned":
            raise InputError(
                f"--dask writes Parquet partitions: use --format partitioned, not {args.format}"
            )
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
    partitioned = args.format == "partitioned"
    readme = data_dictionary(
        command, args.customers, args.years, args.start, "parquet" if partitioned else args.format
    )
    if partitioned:
        readme = (
            readme.replace("one Parquet file per table", "Parquet files per table and block", 1)
            + PARTITION_NOTE
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
        readme=readme,
        command=command,
        dask=args.dask,
    )
    if not args.quiet:
        rows = summary.rows
        print(
            f"wrote {len(summary.files)} {'folders and files' if partitioned else 'files'} "
            f"to {summary.out}: "
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
