"""Declarations of the fact tables and the hidden truth (see :mod:`crmsim.warehouse.tables`)."""

from __future__ import annotations

from crmsim.warehouse.schema import Column, Table, minutes, money

DATE_KEY = Column(
    "date_key", "int32", "Day of the event as YYYYMMDD", references="dim_date.date_key"
)
CUSTOMER = Column("customer_id", "int64", "The customer", references="dim_customer.customer_id")
CHANNEL = Column("channel_id", "int32", "Channel used", references="dim_channel.channel_id")

FACT_ORDER = Table(
    "fact_order",
    "One row per order line (Bestellposition). Orders from campaign responses carry the campaign.",
    (
        Column("order_line_id", "int64", "Order-line key (primary key)"),
        Column("order_id", "int64", "The order (several lines share it)"),
        CUSTOMER,
        Column("product_id", "int64", "The product", references="dim_product.product_id"),
        DATE_KEY,
        Column("order_ts", "timestamp", "Time of the order"),
        Column("channel_id", "int32", "Sales channel", references="dim_channel.channel_id"),
        Column(
            "campaign_id",
            "int64",
            "Campaign the order responds to; empty for orders on the customer's own initiative",
            nullable=True,
            references="dim_campaign.campaign_id",
        ),
        Column("quantity", "int32", "Units ordered"),
        money("unit_price_eur", "List price per unit"),
        money("discount_eur", "Discount on the whole line"),
        money("revenue_eur", "quantity × unit price − discount"),
        money("cost_eur", "quantity × unit cost"),
    ),
    ("order_line_id",),
)

FACT_INTERACTION = Table(
    "fact_interaction",
    "One row per service contact handled (or not) by the interaction center, including "
    "repeat contacts, transfers and escalations from self-service.",
    (
        Column("interaction_id", "int64", "Contact key (primary key)"),
        CUSTOMER,
        DATE_KEY,
        Column("arrival_ts", "timestamp", "Time the contact arrived"),
        CHANNEL,
        Column(
            "reason",
            "string",
            "Contact reason: order_status, product_question, billing, technical_issue, complaint",
        ),
        Column("kind", "string", "new, repeat, transfer, escalation or callback"),
        Column("parent_interaction_id", "int64", "Contact this one follows from", nullable=True),
        Column("value_class", "string", "Customer value class used for routing (A first)"),
        Column(
            "outcome",
            "string",
            "resolved, unresolved, transferred, abandoned, blocked, self_served, escalated, …",
        ),
        Column("resolved", "bool", "Concern solved (resolved or self_served)"),
        minutes("wait_min", "Time until an agent took the contact, or until the customer gave up"),
        minutes("handle_min", "Talk, chat or writing time"),
        minutes("acw_min", "After-contact work"),
        Column(
            "agent_id",
            "int64",
            "Agent who handled it",
            nullable=True,
            references="dim_agent.agent_id",
        ),
    ),
    ("interaction_id",),
)

FACT_CAMPAIGN_CONTACT = Table(
    "fact_campaign_contact",
    "One row per person selected for a campaign: contacted (treatment) or held back (control).",
    (
        Column("campaign_contact_id", "int64", "Key (primary key)"),
        Column("campaign_id", "int64", "The campaign", references="dim_campaign.campaign_id"),
        CUSTOMER,
        DATE_KEY,
        CHANNEL,
        Column("is_control", "bool", "Held back as control group (not contacted, no cost)"),
        money("cost_eur", "Cost of this contact"),
    ),
    ("campaign_contact_id",),
)

FACT_CAMPAIGN_RESPONSE = Table(
    "fact_campaign_response",
    "One row per response to a campaign contact within the response window.",
    (
        Column("campaign_response_id", "int64", "Key (primary key)"),
        Column(
            "campaign_contact_id",
            "int64",
            "The contact responded to",
            references="fact_campaign_contact.campaign_contact_id",
        ),
        Column("campaign_id", "int64", "The campaign", references="dim_campaign.campaign_id"),
        CUSTOMER,
        DATE_KEY,
        Column("response_ts", "timestamp", "Time of the response"),
        Column(
            "response_type",
            "string",
            "order, lead (interest without an order), became_customer, came_back or offer_accepted",
        ),
        Column(
            "order_id", "int64", "Order placed with the response (see fact_order)", nullable=True
        ),
        money("incentive_cost_eur", "Discount or voucher granted"),
    ),
    ("campaign_response_id",),
)

FACT_COMPLAINT = Table(
    "fact_complaint",
    "One row per complaint (Beschwerde) that reached the company, and how it was handled.",
    (
        Column("complaint_id", "int64", "Key (primary key)"),
        CUSTOMER,
        Column(
            "interaction_id",
            "int64",
            "The service contact that brought the complaint",
            references="fact_interaction.interaction_id",
        ),
        DATE_KEY,
        Column("complaint_ts", "timestamp", "Time the complaint was taken"),
        Column("trigger", "string", "product_failure, service_failure or long_wait"),
        Column("order_id", "int64", "Order concerned (product failures)", nullable=True),
        Column(
            "product_id",
            "int64",
            "Product concerned (product failures)",
            nullable=True,
            references="dim_product.product_id",
        ),
        Column("handling_policy", "string", "none, standardised or personal"),
        money("handling_cost_eur", "Staff and process cost of handling"),
        money("compensation_eur", "Voucher or goodwill granted"),
        Column("resolved", "bool", "The customer's problem was solved"),
        Column(
            "resolution_days",
            "float64",
            "Days until solved; empty if unresolved",
            nullable=True,
            decimals=2,
        ),
    ),
    ("complaint_id",),
)

FACT_SURVEY_RESPONSE = Table(
    "fact_survey_response",
    "One row per survey answer: CSAT after service contacts, NPS once a year.",
    (
        Column("survey_response_id", "int64", "Key (primary key)"),
        CUSTOMER,
        DATE_KEY,
        Column("response_ts", "timestamp", "Time of the answer"),
        Column("survey_type", "string", "csat (1-5, after a contact) or nps (0-10, relationship)"),
        Column("score", "int32", "The answer on the survey's scale"),
        Column(
            "interaction_id",
            "int64",
            "Contact the CSAT survey asked about",
            nullable=True,
            references="fact_interaction.interaction_id",
        ),
    ),
    ("survey_response_id",),
)

FACT_CUSTOMER_MONTH = Table(
    "fact_customer_month",
    "Monthly snapshot per customer from the month of acquisition (or the first month) to the "
    "last month of the period; the base for churn models and CLV.",
    (
        CUSTOMER,
        Column(
            "month_key",
            "int32",
            "First day of the month as YYYYMMDD",
            references="dim_date.date_key",
        ),
        Column(
            "tenure_months",
            "int32",
            "Calendar months since the month of acquisition (0 in that month)",
        ),
        Column("is_active", "bool", "Still a customer at the month's end (truth: not churned)"),
        Column("orders", "int32", "Orders placed in the month"),
        money("revenue_eur", "Revenue in the month"),
        Column("contacts", "int32", "Service contacts in the month"),
        Column("complaints", "int32", "Complaints in the month"),
        Column(
            "satisfaction_index",
            "float64",
            "Latent satisfaction at the month's end (0-10)",
            decimals=3,
        ),
        Column("churned", "bool", "The customer churned (cancelled or dropped out) in this month"),
    ),
    ("customer_id", "month_key"),
)

TRUTH_CUSTOMER = Table(
    "truth_customer",
    "The hidden truth per person: the parameters that drove the behaviour, and the churn "
    "outcome. Not available to a real company; use it to check analyses.",
    (
        Column(
            "customer_id",
            "int64",
            "The customer (primary key)",
            references="dim_customer.customer_id",
        ),
        Column(
            "purchase_rate_per_year",
            "float64",
            "Orders per year while active (BG/NBD λ): gamma across customers with shape 0.9 "
            "and mean 3, times 1.6 for business customers",
            decimals=4,
        ),
        Column(
            "dropout_probability",
            "float64",
            "Base chance of silently lapsing after each order (BG/NBD p, beta(1, 40)); it "
            "grows by the factor e^0.35 per satisfaction point below 8, and cancellations "
            "(churn hazard) come on top",
            decimals=4,
        ),
        Column(
            "mean_order_value_eur",
            "float64",
            "Mean target value of the device in an order (gamma-gamma) (EUR); the tier is "
            "picked near a draw around it, and accessories, services and warranties come on "
            "top, so realised order values are about 1.75 times it (median per customer)",
            decimals=2,
        ),
        minutes(
            "patience_min", "Wait the customer tolerates on the phone before it hurts satisfaction"
        ),
        Column(
            "baseline_satisfaction",
            "float64",
            "Satisfaction the customer returns to (0-10)",
            decimals=3,
        ),
        Column(
            "complaint_propensity",
            "float64",
            "Readiness to voice a bad experience (0-1)",
            decimals=4,
        ),
        Column(
            "taste_group", "string", "Interest profile: mobile, office, home_entertainment or photo"
        ),
        Column("is_active_at_end", "bool", "Still a customer at the end of the period"),
        Column(
            "churn_date",
            "date",
            "Day of the (last) churn; empty if active at the end",
            nullable=True,
        ),
        Column(
            "churn_reason",
            "string",
            "silent_dropout, competitor_or_life_change, dissatisfaction, long_waits "
            "or unresolved_complaint",
            nullable=True,
        ),
        Column(
            "won_back_date",
            "date",
            "Day a win-back campaign brought the customer back",
            nullable=True,
        ),
    ),
    ("customer_id",),
)
