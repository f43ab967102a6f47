"""Acquisition versus retention cost: moved to :mod:`crmsim.analytics.acquisition_retention`.

Kept as a re-export so that ``from crmsim.warehouse.economics import ...`` keeps working.
"""

from __future__ import annotations

from crmsim.analytics.acquisition_retention import CostComparison, acquisition_vs_retention

__all__ = ["CostComparison", "acquisition_vs_retention"]
