"""The analytics layer: key figures computed from simulation results and the warehouse.

Data flows one way: scenario → simulation → event log → warehouse → **analytics** →
notebooks. Every key figure a notebook, widget, exercise check or command prints is
computed here, once. Functions take pandas DataFrames and return DataFrames with
documented columns; each module holds one family of analyses (contact-center KPIs,
customer analytics, satisfaction, acquisition and retention).
"""

from __future__ import annotations

__all__: list[str] = []
