"""Declarations of the dimension tables (see :mod:`crmsim.warehouse.tables`)."""

from __future__ import annotations

from crmsim.warehouse.schema import Column, Table, money

DIM_DATE = Table(
    "dim_date",
    "One row per calendar day of the simulated period (the time dimension).",
    (
        Column("date_key", "int32", "Day as YYYYMMDD (primary key)"),
        Column("date", "date", "The calendar day"),
        Column("year", "int32", "Calendar year"),
        Column("quarter", "int32", "Quarter of the year (1-4)"),
        Column("month", "int32", "Month of the year (1-12)"),
        Column("year_month", "string", "Month as YYYY-MM"),
        Column("iso_week", "int32", "ISO calendar week"),
        Column("day_of_month", "int32", "Day of the month (1-31)"),
        Column("weekday", "int32", "Day of the week, 0 = Monday"),
        Column("weekday_name", "string", "English name of the weekday"),
        Column("is_weekend", "bool", "Saturday or Sunday"),
        Column("is_month_start", "bool", "First day of a month (the key of monthly snapshots)"),
    ),
    ("date_key",),
)

DIM_CHANNEL = Table(
    "dim_channel",
    "One row per channel (Kanal): service media of the interaction center, campaign media "
    "and sales points.",
    (
        Column("channel_id", "int32", "Channel key (primary key)"),
        Column("channel_code", "string", "Short code, e.g. phone, email, letter, store"),
        Column("channel_name", "string", "English name"),
        Column("channel_name_de", "string", "German name"),
        Column("is_service_channel", "bool", "Customers reach the interaction center through it"),
        Column("is_campaign_channel", "bool", "Campaigns can contact customers through it"),
        Column("is_sales_channel", "bool", "Customers can order through it"),
        Column("needs_consent", "bool", "Marketing over it needs the customer's opt-in (UWG §7)"),
    ),
    ("channel_id",),
)

DIM_CUSTOMER = Table(
    "dim_customer",
    "One row per person or company in the customer database: customers at the start and "
    "prospects (Interessenten) who may be won during the period. Master data (Grunddaten) "
    "and potential data (Potenzialdaten).",
    (
        Column("customer_id", "int64", "Customer key (primary key)"),
        Column("customer_type", "string", "private or business"),
        Column("name", "string", "Person or company name (synthetic, Faker de_DE)"),
        Column("age_band", "string", "Age band of a private customer", nullable=True),
        Column("postcode", "string", "German postcode (synthetic)"),
        Column(
            "region",
            "string",
            "Broad region from the postal zone: Nord, Ost, Mitte, West, Südwest, Süd",
        ),
        Column(
            "segment", "string", "private_standard, private_premium, business_small or business_key"
        ),
        Column(
            "income_class",
            "string",
            "Income class of a private customer: low, middle, high",
            nullable=True,
        ),
        Column(
            "company_size_class",
            "string",
            "Employees of a business customer: 1-9 … 250+",
            nullable=True,
        ),
        money("estimated_wallet_eur", "Estimated yearly spend on the product range at all sellers"),
        Column("initial_status", "string", "customer or prospect at the start of the period"),
        Column(
            "acquisition_date",
            "date",
            "Day the person became a customer; empty if never",
            nullable=True,
        ),
        Column(
            "acquisition_channel_id",
            "int32",
            "Channel through which the customer was won; empty if never",
            nullable=True,
            references="dim_channel.channel_id",
        ),
        Column(
            "preferred_channel_id",
            "int32",
            "Preferred service channel",
            references="dim_channel.channel_id",
        ),
        Column("marketing_consent", "bool", "Opt-in to marketing by email, phone and mobile"),
    ),
    ("customer_id",),
)

DIM_PRODUCT = Table(
    "dim_product",
    "One row per product: devices in basic/plus/premium tiers, accessories and services.",
    (
        Column("product_id", "int64", "Product key (primary key)"),
        Column("product_code", "string", "Short code, e.g. laptop_plus"),
        Column("product_name", "string", "English name"),
        Column("product_name_de", "string", "German name"),
        Column("category", "string", "Product category"),
        Column("product_line", "string", "Device line the product belongs to (all: every line)"),
        Column("tier", "string", "basic, plus, premium for devices; add_on otherwise"),
        Column("tier_rank", "int32", "1 basic, 2 plus, 3 premium; 0 for add-ons"),
        money("list_price_eur", "List price per unit"),
        money("unit_cost_eur", "Purchase or production cost per unit"),
    ),
    ("product_id",),
)

DIM_CAMPAIGN = Table(
    "dim_campaign",
    "One row per campaign of the cross-media campaign plan.",
    (
        Column("campaign_id", "int64", "Campaign key (primary key)"),
        Column("campaign_name", "string", "Quarter, type and offered line"),
        Column(
            "campaign_type", "string", "acquisition, cross_sell, up_sell, retention or win_back"
        ),
        Column(
            "channel_id", "int32", "Channel of the campaign", references="dim_channel.channel_id"
        ),
        Column("start_date", "date", "Day the contacts go out"),
        Column("end_date", "date", "Last day of the response window"),
        Column(
            "product_line", "string", "Device line offered (cross- and up-selling)", nullable=True
        ),
        Column("offer", "string", "What the campaign offers"),
        money("cost_per_contact_eur", "Cost of one contact"),
        Column(
            "control_share", "float64", "Share of the selected group held back as control group"
        ),
    ),
    ("campaign_id",),
)

DIM_AGENT = Table(
    "dim_agent",
    "One row per agent of the interaction center (one team per customer block).",
    (
        Column("agent_id", "int64", "Agent key (primary key)"),
        Column("agent_name", "string", "Team and number, e.g. b03-early-1"),
        Column("team", "string", "Shift group: early or late"),
        Column("customer_block", "int32", "Block of customers the agent's center serves"),
        Column("channels", "string", "Channels the agent is skilled for, comma-separated"),
    ),
    ("agent_id",),
)
