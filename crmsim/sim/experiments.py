"""Former home of :func:`staffing_curve`, which now lives in the analytics layer.

Kept so that ``from crmsim.sim.experiments import staffing_curve`` keeps working;
new code imports it from :mod:`crmsim.analytics`.
"""

from __future__ import annotations

from crmsim.analytics.contact_center_staffing import staffing_curve

__all__ = ["staffing_curve"]
