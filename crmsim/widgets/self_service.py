"""Self-service break-even: when do an FAQ and a virtual assistant pay for their upkeep?

Of ``requests`` service requests a year, a share ``tried`` starts in self-service
(FAQ, troubleshooting guide, virtual assistant); a share ``solve`` of those is
solved there, the rest escalates to an agent. With the cost per assisted contact
:math:`c_a` (EUR, the mix of phone, chat and email), the cost per self-service
session :math:`c_s` and the fixed yearly cost :math:`F` (upkeep of the knowledge
base plus the assistant's licence), the yearly saving is

.. math::

    S = N \\, t \\, (p \\, c_a - c_s) - F,

and self-service pays once the solve share exceeds
:math:`p^* = (F / (N t) + c_s) / c_a`. An escalated session costs twice (the
session and the agent), which is why a poor knowledge base can cost more than it saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import ipywidgets as widgets

from crmsim.widgets.controlled_panel import ControlledPanel


@dataclass(frozen=True)
class SelfServiceCase:
    """The figures of the break-even (money in EUR, volumes per year).

    Attributes
    ----------
    requests
        Service requests per year.
    tried
        Share of requests that start in self-service (0 … 1).
    solve
        Share of self-service sessions solved without an agent (0 … 1).
    assisted_cost_eur
        Cost of one contact handled by an agent (EUR).
    session_cost_eur
        Running cost of one self-service session (EUR).
    upkeep_eur
        Yearly upkeep of the knowledge base: writing, checking, updating answers (EUR).
    licence_eur
        Yearly cost of the virtual assistant's software (EUR; 0 for a plain FAQ).
    """

    requests: float = 200_000.0
    tried: float = 0.4
    solve: float = 0.6
    assisted_cost_eur: float = 5.0
    session_cost_eur: float = 0.3
    upkeep_eur: float = 120_000.0
    licence_eur: float = 60_000.0


@dataclass(frozen=True)
class BreakEven:
    """The result: yearly costs without and with self-service, saving, break-even points.

    ``break_even_solve`` is the solve share at which the saving is zero (above 1: it
    never pays); ``break_even_requests`` the yearly requests at which it pays with
    the given solve share (infinite when each session loses money).
    """

    cost_without_eur: float
    cost_with_eur: float
    saving_eur: float
    deflected: float
    break_even_solve: float
    break_even_requests: float


def self_service_break_even(case: SelfServiceCase) -> BreakEven:
    """Yearly costs and break-even of self-service for ``case``.

    Examples
    --------
    >>> result = self_service_break_even(SelfServiceCase(requests=100_000, tried=0.5, solve=0.6,
    ...     assisted_cost_eur=5.0, session_cost_eur=0.5, upkeep_eur=50_000, licence_eur=0))
    >>> result.saving_eur, result.deflected
    (75000.0, 30000.0)
    >>> round(result.break_even_solve, 3), round(result.break_even_requests)
    (0.3, 40000)
    """
    for name in ("tried", "solve"):
        value = getattr(case, name)
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be a share from 0 to 1, got {value}")
    if case.assisted_cost_eur <= 0:
        raise ValueError(f"assisted_cost_eur must be > 0 EUR, got {case.assisted_cost_eur}")
    sessions = case.requests * case.tried
    fixed = case.upkeep_eur + case.licence_eur
    deflected = sessions * case.solve
    without = case.requests * case.assisted_cost_eur
    with_ = (case.requests - deflected) * case.assisted_cost_eur
    with_ += sessions * case.session_cost_eur + fixed
    margin = case.tried * (case.solve * case.assisted_cost_eur - case.session_cost_eur)
    p_star = (
        (fixed / sessions + case.session_cost_eur) / case.assisted_cost_eur if sessions else 1e9
    )
    return BreakEven(
        round(without, 2),
        round(with_, 2),
        round(without - with_, 2),
        deflected,
        p_star,
        fixed / margin if margin > 0 else float("inf"),
    )


_SLIDERS = {  # name: (label, min, max, step, format)
    "requests": ("Requests per year", 10_000, 1_000_000, 10_000, ",.0f"),
    "tried": ("Start in self-service", 0.0, 1.0, 0.05, ".0%"),
    "solve": ("Solved there", 0.0, 1.0, 0.05, ".0%"),
    "assisted_cost_eur": ("Cost per agent contact (EUR)", 0.5, 15.0, 0.5, ".1f"),
    "session_cost_eur": ("Cost per session (EUR)", 0.0, 3.0, 0.05, ".2f"),
    "upkeep_eur": ("Knowledge-base upkeep (EUR/yr)", 0.0, 500_000.0, 10_000.0, ",.0f"),
    "licence_eur": ("Assistant licence (EUR/yr)", 0.0, 300_000.0, 10_000.0, ",.0f"),
}


class SelfServicePanel(ControlledPanel):
    """Sliders for the break-even figures; costs, saving and break-even points at once.

    Attributes
    ----------
    widget
        The ipywidgets container to display.
    result
        The current :class:`BreakEven`.
    """

    def __init__(self, case: SelfServiceCase | None = None) -> None:
        start = case or SelfServiceCase()
        style = {"description_width": "220px"}
        layout = widgets.Layout(width="480px")
        self.controls: dict[str, widgets.FloatSlider] = {
            name: widgets.FloatSlider(
                getattr(start, name), min=low, max=high, step=step, description=label,
                readout_format=form, style=style, layout=layout, continuous_update=False,
            )
            for name, (label, low, high, step, form) in _SLIDERS.items()
        }  # fmt: skip
        self.figures = widgets.HTML(layout=widgets.Layout(min_width="320px"))
        self.widget = widgets.HBox(
            [widgets.VBox(list(self.controls.values())), self.figures],
            layout=widgets.Layout(flex_flow="row wrap", grid_gap="24px"),
        )
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self._holding = False
        self.update()

    @property
    def case(self) -> SelfServiceCase:
        """The figures with the sliders' current values."""
        return SelfServiceCase(**{name: float(c.value) for name, c in self.controls.items()})

    def update(self) -> None:
        """Recompute and show the key figures."""
        self.result = r = self_service_break_even(self.case)
        never = r.break_even_solve > 1.0
        rows = [
            ("Cost without self-service", f"{r.cost_without_eur:,.0f} EUR"),
            ("Cost with self-service", f"{r.cost_with_eur:,.0f} EUR"),
            ("Saving per year", f"{r.saving_eur:,.0f} EUR"),
            ("Contacts kept from agents", f"{r.deflected:,.0f}"),
            ("Pays from a solve share of",
             "never (> 100 %)" if never else f"{r.break_even_solve:.0%}"),
            ("Pays from requests per year", "never" if r.break_even_requests == float("inf")
             else f"{r.break_even_requests:,.0f}"),
        ]  # fmt: skip
        body = "".join(
            f'<tr><td style="padding-right:1em">{escape(label)}</td>'
            f'<td style="text-align:right">{escape(value)}</td></tr>'
            for label, value in rows
        )
        self.figures.value = f"<table>{body}</table>"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)
