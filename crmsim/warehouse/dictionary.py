"""The data dictionary (``data/README.md``), generated from the schema declarations."""

from __future__ import annotations

from crmsim.warehouse.tables import TABLE_LIST
from crmsim.warehouse.writers import DUCKDB_TYPES

DEFAULT_COMMAND = "crmsim generate --customers 3000 --years 2 --seed 2024 --format csv --out data"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
FORMAT_SENTENCES = {
    "csv": "one CSV file per table",
    "parquet": "one Parquet file per table",
    "duckdb": "one DuckDB database file, `crm.duckdb`",
    "all": "a CSV and a Parquet file per table and the DuckDB database file `crm.duckdb`",
}


def _years_text(years: int) -> str:
    word = NUMBER_WORDS[years] if years < len(NUMBER_WORDS) else f"{years}"
    return f"{word} year" if years == 1 else f"{word} years"


def run_sentence(customers: int, years: int, start: str, formats: str) -> str:
    """One sentence stating what a run made, e.g. "3,000 people … over two years from …".

    Parameters
    ----------
    customers
        People in the customer database.
    years
        Length of the period in years.
    start
        First day of the period (ISO date).
    formats
        ``csv``, ``parquet``, ``duckdb`` or ``all``.
    """
    return (
        f"{customers:,} people (customers and prospects) over {_years_text(years)} from "
        f"{start}, {FORMAT_SENTENCES[formats]}."
    )


def data_dictionary(
    command: str = DEFAULT_COMMAND,
    customers: int = 3000,
    years: int = 2,
    start: str = "2024-01-01",
    formats: str = "csv",
) -> str:
    """The Markdown text of ``data/README.md``, or of the README of any generated dataset.

    Parameters
    ----------
    command
        The command that made the dataset, quoted in the text.
    customers, years, start, formats
        The parameters of that run, stated in the text (the defaults are those of
        the committed dataset).
    """
    parts = [
        "# The CRM data warehouse (data dictionary)",
        "",
        "Synthetic data of a consumer-electronics retailer with private and business",
        "customers, made by `crmsim` and documented here from the schema declared in the",
        "package `crmsim.warehouse` (`tables.py` lists every table). This file is generated;",
        "do not edit it by hand.",
        "",
        "## How this dataset was made",
        "",
        "```",
        command,
        "```",
        "",
        run_sentence(customers, years, start, formats),
        "CSV keeps the files readable in any tool and byte-identical when regenerated;",
        "for the committed dataset a test rebuilds them and compares the bytes. Read them with the",
        'declared types through `crmsim.warehouse.read_table("fact_order")` (or',
        "`read_tables()` for all), with plain pandas (`pd.read_csv`), or query them with",
        "DuckDB (`SELECT * FROM 'data/fact_order.csv'`). `--format parquet` writes",
        "Parquet files and `--format duckdb` one database file `crm.duckdb` with primary",
        "and foreign keys declared (its bytes vary between runs; its contents do not).",
        "",
        "Everything is simulated: names and postcodes come from Faker (de_DE) and belong",
        "to nobody. Money is in EUR, durations in minutes, times have no time zone.",
        "Empty CSV fields are missing values.",
        "",
        "## The model behind the data",
        "",
        "- **Buying**: each customer has a hidden purchase rate (gamma-distributed across",
        "  customers) and a chance to lapse silently after each order (BG/NBD), and a",
        "  hidden mean order value (gamma-gamma), so revenue concentrates (Pareto, ABC).",
        "  Devices come in basic/plus/premium tiers; accessories and services are bought",
        "  together with devices at fixed affinities (cross-selling); repeat buyers of a",
        "  line often move up a tier (up-selling).",
        "- **Service**: contacts (order status, product questions, billing, technical",
        "  issues, complaints) go through a simulated interaction center per customer",
        "  block, over phone, chat, email, letter/fax, self-service and call-back.",
        "- **Complaints**: product failures and bad service may lead to complaints,",
        "  handled under one of three policies (none, standardised, personal) with",
        "  different costs and effects.",
        "- **Satisfaction**: a latent score (0-10) moves with experiences and drifts back to",
        "  a personal baseline; CSAT and NPS surveys sample it.",
        "- **Churn** (Abwanderung): a hazard rising with dissatisfaction, recent long waits",
        "  and unresolved complaints; plus silent lapsing. Date and reason are in",
        "  `truth_customer`.",
        "- **Campaigns**: every quarter acquisition, cross-selling, up-selling, retention",
        "  and win-back campaigns with a control group held back (for uplift analysis).",
        "- **Browsing** (click-stream): drawn after the rest from its own random stream.",
        "  Web orders end a visit on `/checkout`; some store, phone and app orders are",
        "  researched online days before; customers and prospects also browse without",
        "  buying; FAQ and order-tracking pages come before some service contacts, and a",
        "  self-service contact is an FAQ visit (ending on `/faq/contact` when it escalates);",
        "  some phone contacts start on the call-back form `/callback`, sent as they arrive;",
        "  newsletter and campaign links are clicked after email, mobile and web campaigns,",
        "  by most responders and a few others.",
        "",
        "## Tables",
        "",
        "| table | rows are | primary key |",
        "|---|---|---|",
    ]
    for table in TABLE_LIST:
        parts.append(
            f"| `{table.name}` | {_cell(table.description)} | {', '.join(table.primary_key)} |"
        )
    for table in TABLE_LIST:
        parts += ["", f"## {table.name}", "", table.description, ""]
        parts += ["| column | type | null | key | description |", "|---|---|---|---|---|"]
        for column in table.columns:
            key = "PK" if column.name in table.primary_key else ""
            if column.references:
                key = (key + " " if key else "") + f"→ {column.references}"
            null = "yes" if column.nullable else ""
            sql_type = DUCKDB_TYPES[column.dtype]
            parts.append(
                f"| `{column.name}` | {sql_type} | {null} | {key} | {_cell(column.description)} |"
            )
    return "\n".join(parts) + "\n"
