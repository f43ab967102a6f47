"""The star schema of the synthetic CRM data warehouse: the single source of truth.

Dimensions describe customers, products, channels, days, campaigns and
agents; facts record orders, service contacts, campaign contacts and
responses, complaints, survey answers and a monthly customer snapshot;
``truth_customer`` holds the hidden parameters behind each customer's behaviour.
The data kinds of a customer database from the lecture map onto them: master
data (Grunddaten) and potential data (Potenzialdaten) in ``dim_customer``,
action data (Aktionsdaten) in ``fact_campaign_contact`` and
``fact_interaction``, reaction data (Reaktionsdaten) in ``fact_order``,
``fact_campaign_response``, ``fact_complaint`` and ``fact_survey_response``.
"""

from __future__ import annotations

from crmsim.warehouse.dimension_tables import (
    DIM_AGENT,
    DIM_CAMPAIGN,
    DIM_CHANNEL,
    DIM_CUSTOMER,
    DIM_DATE,
    DIM_PRODUCT,
)
from crmsim.warehouse.fact_tables import (
    FACT_CAMPAIGN_CONTACT,
    FACT_CAMPAIGN_RESPONSE,
    FACT_COMPLAINT,
    FACT_CUSTOMER_MONTH,
    FACT_INTERACTION,
    FACT_ORDER,
    FACT_SURVEY_RESPONSE,
    TRUTH_CUSTOMER,
)
from crmsim.warehouse.schema import Table
from crmsim.warehouse.web_facts import FACT_WEB_VISIT

#: Every table in load order: a table only refers to tables before it.
TABLE_LIST: tuple[Table, ...] = (
    DIM_DATE,
    DIM_CHANNEL,
    DIM_CUSTOMER,
    DIM_PRODUCT,
    DIM_CAMPAIGN,
    DIM_AGENT,
    FACT_ORDER,
    FACT_INTERACTION,
    FACT_CAMPAIGN_CONTACT,
    FACT_CAMPAIGN_RESPONSE,
    FACT_COMPLAINT,
    FACT_SURVEY_RESPONSE,
    FACT_CUSTOMER_MONTH,
    FACT_WEB_VISIT,
    TRUTH_CUSTOMER,
)
TABLES: dict[str, Table] = {table.name: table for table in TABLE_LIST}
