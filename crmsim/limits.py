"""Upper limits on sizes, checked before any work starts.

A mistyped ``--days 1e9`` or ``--customers 1e12`` would run for years or try to
allocate terabytes. Every limit here lies far above any teaching or lecture use
(a lecture scenario simulates 1-28 days with a few dozen agents; the course
dataset has 5,000 people) and is named in the message that refuses a larger
value. The README lists them under "Limits".
"""

from __future__ import annotations

MAX_DAYS = 731
"""Days one contact-center run may simulate (two years)."""
MAX_HOURS = 87_600.0
"""Hours one quick run (``crmsim callcenter --agents ...``) may simulate (ten years)."""
MAX_AGENTS = 10_000
"""Agents in one group, one quick run or one ``crmsim erlang`` question."""
MAX_CALLS_PER_HOUR = 1_000_000.0
"""Arrival rate of a quick run or an ``erlang`` question (contacts per hour)."""
MAX_DAILY_VOLUME = 1_000_000.0
"""Mean contacts per day of one channel in a scenario."""
MAX_SIMULATED_CONTACTS = 5_000_000
"""Contacts one simulation run may expect in total (rate × length of the run)."""
MAX_OFFERED_LOAD = 10_000.0
"""Offered load of an ``erlang`` question (Erlang; calls per hour × AHT / 60)."""
MAX_CUSTOMERS = 1_000_000
"""People in one ``crmsim generate`` run (100,000 take about 2 GB of memory)."""
MAX_MINUTES = 100_000.0
"""Longest handling time, patience or threshold given in minutes (about 69 days)."""
MAX_SEED = 2**63 - 1
"""Largest random seed (seeds are whole numbers from 0)."""
