"""The result of a queueing formula: one immutable record per staffing level."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from crmsim.queueing import _checks

MODEL_ERLANG_C = "erlang_c"
MODEL_ERLANG_A = "erlang_a"


@dataclass(frozen=True)
class QueueMetrics:
    """Steady-state key figures of one queue (Warteschlange) with ``agents`` agents.

    Attributes
    ----------
    model : str
        ``"erlang_c"`` (M/M/c, nobody hangs up) or ``"erlang_a"`` (M/M/c+M,
        callers abandon after an exponential patience).
    agents : int
        Agents on the phones (Agenten in der Leitung).
    calls_per_hour : float
        Arrival rate λ in calls per hour.
    aht_min : float
        Average handling time (Bearbeitungszeit) in minutes.
    patience_min : float or None
        Mean patience in minutes (Erlang A only, else ``None``).
    sl_threshold_s : float
        Service-level threshold in seconds, e.g. 20 for "80/20".
    offered_load_erl : float
        Offered load (Verkehrsangebot) in Erlang = λ · AHT.
    p_wait : float
        Probability that a call has to wait (Wartewahrscheinlichkeit).
    asa_s : float
        Average speed of answer in seconds: mean wait of answered calls.
    service_level : float
        Share of all offered calls answered within ``sl_threshold_s``
        (Servicegrad).
    abandon_rate : float
        Share of offered calls that hang up before an answer (Abbruchquote);
        0 under Erlang C.
    occupancy : float
        Share of the agents' time spent handling calls (Auslastung):
        answered load / agents.
    """

    model: str
    agents: int
    calls_per_hour: float
    aht_min: float
    patience_min: float | None
    sl_threshold_s: float
    offered_load_erl: float
    p_wait: float
    asa_s: float
    service_level: float
    abandon_rate: float
    occupancy: float

    def as_dict(self) -> dict[str, str | int | float | None]:
        """All fields as a plain ``dict`` (JSON-ready, field order kept)."""
        return asdict(self)

    @property
    def mean_calls_waiting(self) -> float:
        """Mean number of callers in the queue (mittlere Warteschlangenlänge) L_q.

        By Little's law L_q = λ · mean wait of all callers. Under Erlang C
        every caller is answered, so that wait is the ASA. Under Erlang A
        callers leave the queue by abandonment at rate θ · L_q, which must
        equal λ · abandon_rate, so L_q = λ · abandon_rate · patience.
        """
        calls_per_min = self.calls_per_hour / 60.0
        if self.patience_min is None:
            return calls_per_min * self.asa_s / 60.0
        return calls_per_min * self.abandon_rate * self.patience_min

    def expected_calls(self, hours: float = 1.0) -> dict[str, float]:
        """Expected numbers of offered, answered and abandoned calls over ``hours``.

        Parameters
        ----------
        hours : float
            Length of the period in hours (> 0).

        Returns
        -------
        dict
            Keys ``offered``, ``answered`` and ``abandoned`` (calls, not rounded).
        """
        period_h = _checks.real_number("hours", hours, low=0.0, low_open=True)
        offered = self.calls_per_hour * period_h
        abandoned = offered * self.abandon_rate
        return {"offered": offered, "answered": offered - abandoned, "abandoned": abandoned}
