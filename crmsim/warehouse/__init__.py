"""The synthetic CRM data warehouse: star schema, table building, writers, data dictionary."""
