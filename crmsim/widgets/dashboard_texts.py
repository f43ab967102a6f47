"""The dashboard's words in English and German: KPI labels, explanations, controls and plots.

Every KPI label carries the German term in both languages: in English the German
term follows in brackets, in German the English one. Labels of the contact-center
KPIs come from the glossary (:mod:`crmsim.analytics.glossary`); the explanations
are written here for the lecture hall, one sentence each.
"""

from __future__ import annotations

from html import escape

from crmsim.analytics.contact_center_panel import PANEL_KPIS
from crmsim.analytics.glossary import GLOSSARY, format_value

__all__ = [
    "DASHBOARD_KPIS",
    "LANGUAGES",
    "explanation",
    "kpi_label",
    "kpi_terms",
    "kpi_text",
    "text",
]

#: Languages of the switch: code → shown name.
LANGUAGES = {"en": "English", "de": "Deutsch"}
#: KPI keys in display order: the panel's KPIs with the Erlang value after the service level.
DASHBOARD_KPIS = ("service_level", "sl_erlang", *PANEL_KPIS[1:])
#: The one dashboard figure that is not in the glossary: (English, German) label.
_EXTRA_LABELS = {"sl_erlang": ("Service level by Erlang C/A", "Servicegrad nach Erlang C/A")}

_EXPLANATIONS = {
    "service_level": (
        "Calls answered within the threshold T, of the calls answered or abandoned.",
        "Anteil der Anrufe, die innerhalb der Servicezeit T angenommen wurden, an den "
        "angenommenen und abgebrochenen Anrufen.",
    ),
    "sl_erlang": (
        "What the Erlang formula predicts for the same day: Erlang C if callers never hang up, "
        "Erlang A with patience, slot by slot at the planned call rate. It ignores queues carried "
        "into the next slot and agents busy with email or chat, so it can promise too much.",
        "Was die Erlang-Formel für denselben Tag vorhersagt: Erlang C, wenn niemand auflegt, "
        "Erlang A mit Geduld, Intervall für Intervall bei der geplanten Anrufrate. Sie übersieht "
        "Warteschlangen, die ins nächste Intervall reichen, und Agenten, die E-Mails oder Chats "
        "bearbeiten; daher kann sie zu viel versprechen.",
    ),
    "asa_s": (
        "Mean wait of the answered calls, in seconds.",
        "Mittlere Wartezeit der angenommenen Anrufe in Sekunden.",
    ),
    "abandon_rate": (
        "Share of callers who hung up before an agent answered.",
        "Anteil der Anrufer, die vor der Annahme aufgelegt haben.",
    ),
    "occupancy": (
        "Share of the logged-on time the agents spent talking or in after-call work.",
        "Anteil der angemeldeten Zeit, in der die Agenten sprechen oder nachbearbeiten.",
    ),
    "callback_share": (
        "Share of callers who took the call-back offer instead of waiting.",
        "Anteil der Anrufer, die statt zu warten einen Rückruf gewählt haben.",
    ),
    "deflection": (
        "Share of new contacts whose concern self-service solved without an agent.",
        "Anteil der neuen Kontakte, deren Anliegen der Self-Service ohne Agent gelöst hat.",
    ),
    "asa_a_s": (
        "Mean wait of A customers; VIP routing serves them first.",
        "Mittlere Wartezeit der A-Kunden; VIP-Routing bedient sie zuerst.",
    ),
    "asa_c_s": (
        "Mean wait of C customers, who wait longest under VIP routing.",
        "Mittlere Wartezeit der C-Kunden, die beim VIP-Routing am längsten warten.",
    ),
    "cost_per_contact_eur": (
        "Agent hours at 30 EUR plus self-service sessions, per contact handled.",
        "Agentenstunden zu 30 EUR plus Self-Service-Sitzungen, je bearbeitetem Kontakt.",
    ),
}

_TEXTS = {
    "title": ("Contact center live", "Kontaktcenter live"),
    "preset": ("Preset", "Szenario"),
    "scenario_file": ("Scenario file", "Szenario-Datei"),
    "load": ("Load file", "Datei laden"),
    "seed": ("Seed", "Startwert"),
    "new_day": ("New day", "Neuer Tag"),
    "reset": ("Reset", "Zurücksetzen"),
    "language": ("Language", "Sprache"),
    "agents": ("Agents", "Agenten"),
    "calls_per_hour": ("Calls per hour", "Anrufe pro Stunde"),
    "aht_min": ("Talk time (min)", "Gesprächszeit (min)"),
    "patience_min": ("Patience (min)", "Geduld (min)"),
    "callback": ("Call-back offer", "Rückrufangebot"),
    "vip_routing": ("VIP routing (A first)", "VIP-Routing (A zuerst)"),
    "sl_threshold_s": ("Threshold T (s)", "Servicezeit T (s)"),
    "sl_target": ("Target (%)", "Ziel (%)"),
    "freeze": ("Freeze as A", "Als A festhalten"),
    "clear": ("End comparison", "Vergleich beenden"),
    "kpi": ("Key figure", "Kennzahl"),
    "difference": ("B − A", "B − A"),
    "explanations": ("What the figures mean", "Was die Kennzahlen bedeuten"),
    "loaded": ("Loaded", "Geladen"),
    "patience_note": (
        "Patience 0: callers never hang up (Erlang C).",
        "Geduld 0: niemand legt auf (Erlang C).",
    ),
    "curve_title": ("Staffing curve (Personalbedarf)", "Personalbedarfskurve (staffing curve)"),
    "curve_x": ("agents (Agenten)", "Agenten (agents)"),
    "curve_y": ("service level (Servicegrad)", "Servicegrad (service level)"),
    "simulated": ("simulated", "simuliert"),
    "erlang": ("Erlang C/A", "Erlang C/A"),
    "target_line": ("target", "Ziel"),
    "day_title": ("The day hour by hour", "Der Tag Stunde für Stunde"),
    "day_x": ("hour of the day", "Uhrzeit (Stunde)"),
    "day_y": ("callers / agents", "Anrufer / Agenten"),
    "queue_length": ("queue length (Warteschlange)", "Warteschlange (queue length)"),
    "agents_busy": ("agents busy (belegt)", "belegte Agenten (busy)"),
    "agents_on_duty": ("agents logged on (angemeldet)", "angemeldete Agenten (logged on)"),
    "current": ("now", "jetzt"),
    "day_story": (
        "The curve shows what one more or one fewer agent does to the service level; the "
        "day plot shows when the queue builds up.",
        "Die Kurve zeigt, was ein Agent mehr oder weniger am Servicegrad ändert; der "
        "Tagesverlauf zeigt, wann sich die Warteschlange aufbaut.",
    ),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    if language not in LANGUAGES:
        raise KeyError(f"language {language!r} unknown; languages: {', '.join(LANGUAGES)}")
    return pair[0] if language == "en" else pair[1]


def text(key: str, language: str = "en") -> str:
    """A word of the dashboard (control, button, plot) in ``language`` ("en" or "de").

    Examples
    --------
    >>> text("new_day", "de")
    'Neuer Tag'
    """
    return _pick(_TEXTS[key], language)


def kpi_terms(key: str, language: str = "en") -> tuple[str, str]:
    """A KPI's name in ``language`` and in the other language.

    Examples
    --------
    >>> kpi_terms("occupancy"), kpi_terms("occupancy", "de")
    (('Occupancy', 'Auslastung'), ('Auslastung', 'Occupancy'))
    """
    if key in _EXTRA_LABELS:
        english, german = _EXTRA_LABELS[key]
    else:
        english, german = GLOSSARY[key].label, GLOSSARY[key].german
    return (english, german) if _pick(("en", "de"), language) == "en" else (german, english)


def kpi_label(key: str, language: str = "en") -> str:
    """A KPI's label with the term of the other language in brackets.

    Examples
    --------
    >>> kpi_label("service_level"), kpi_label("service_level", "de")
    ('Service level (Servicegrad)', 'Servicegrad (Service level)')
    """
    name, other = kpi_terms(key, language)
    return f"{name} ({other})"


def explanation(key: str, language: str = "en") -> str:
    """One sentence on what a KPI means, in ``language``."""
    return _pick(_EXPLANATIONS[key], language)


def kpi_text(key: str, value: float | None) -> str:
    """A KPI value as shown on screen (the Erlang service level like the service level)."""
    return format_value("service_level" if key == "sl_erlang" else key, value)


def explanations_markup(language: str = "en") -> str:
    """A fold-out HTML list: what the plots tell, and each KPI's label with its explanation."""
    items = "".join(
        f"<li><b>{escape(kpi_label(key, language))}</b>: {escape(explanation(key, language))}</li>"
        for key in DASHBOARD_KPIS
    )
    return (
        f'<details class="crm-explain"><summary>{escape(text("explanations", language))}'
        f"</summary><p>{escape(text('day_story', language))} "
        f"{escape(text('patience_note', language))}</p><ul>{items}</ul></details>"
    )
