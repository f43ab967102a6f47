"""The inputs of a scenario run as ``crmsim callcenter --json`` reports them, per channel.

Beside the scenario's own settings (daily volume, AHT, patience, lines, targets)
the report states the load the run was offered: the expected arrivals per hour
over the simulated period, from the simulator's own arrival schedule
(:func:`crmsim.sim.interval_rates`, weekday factors and campaign spikes
included), and the offered load (Verkehrsangebot) in Erlang, arrivals per hour ×
mean handling time ÷ 60, as a mean over the open hours and at the peak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crmsim.time_units import MINUTES_PER_HOUR

if TYPE_CHECKING:
    from crmsim.scenario import Scenario


def mean_handle_min(scenario: Scenario, channel: str) -> float:
    """Expected handling time of a contact of ``channel`` in minutes: the channel's AHT
    times the reasons' mean AHT factor (weighted by their shares) plus after-contact work."""
    config = scenario.channels[channel]
    shares = sum(reason.share for reason in scenario.reasons)
    factor = sum(reason.share * reason.aht_factor for reason in scenario.reasons) / shares
    return config.aht_min * factor + config.acw_min


def channel_inputs(scenario: Scenario, horizon_min: float) -> dict[str, dict[str, Any]]:
    """Per configured channel: the scenario's settings and the load offered over the run.

    Parameters
    ----------
    scenario
        The scenario that was run.
    horizon_min
        Simulated time (minutes).

    Returns
    -------
    dict
        By channel: ``daily_volume`` (contacts per day before weekday factors),
        ``aht_min``, ``acw_min``, ``handle_min`` (expected handling time incl. reason
        factors and after-contact work), ``patience_min`` (minutes, None: nobody hangs
        up), ``lines`` (None: unlimited), ``sl_threshold_s``, ``sl_target``,
        ``response_target_h``; ``calls_per_hour`` and ``offered_load_erl`` (means over
        the intervals with arrivals), ``peak_calls_per_hour`` and
        ``peak_offered_load_erl`` (the busiest interval).
    """
    from crmsim.sim import interval_rates

    inputs = {}
    for name, config in scenario.channels.items():
        rates = interval_rates(config, scenario, horizon_min)["rate_per_hour"]
        open_rates = rates[rates > 0]
        mean_rate = float(open_rates.mean()) if len(open_rates) else 0.0
        peak_rate = float(rates.max()) if len(rates) else 0.0
        handle = mean_handle_min(scenario, name)
        inputs[name] = {
            "daily_volume": config.daily_volume,
            "aht_min": config.aht_min,
            "acw_min": config.acw_min,
            "handle_min": handle,
            "patience_min": config.patience_min,
            "lines": config.lines,
            "sl_threshold_s": config.sl_threshold_s,
            "sl_target": config.sl_target,
            "response_target_h": config.response_target_h,
            "calls_per_hour": mean_rate,
            "offered_load_erl": mean_rate * handle / MINUTES_PER_HOUR,
            "peak_calls_per_hour": peak_rate,
            "peak_offered_load_erl": peak_rate * handle / MINUTES_PER_HOUR,
        }
    return inputs
