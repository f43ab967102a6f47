"""The reliability probe as a table: bad input to every command gives one clear line.

Each row is one bad input: the command line (with files prepared in a fresh
folder), the expected exit status (2), a pattern the error line must match and
how many lines it may take (1; ``flashcards validate`` lists one line per
problem plus a count, and a bare ``crmsim`` prints its usage: the documented
exceptions). Every row must also: print no traceback, change no file in the
folder, finish within 5 s, and grow the process by less than 200 MB.
"""

from __future__ import annotations

import io
import resource
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crmsim.cli import main
from crmsim.learn.store import ProgressStore

SECONDS = 5.0
MEGABYTES = 200

PROBE_SCENARIO = """\
name: Probe
days: {days}
interval_min: 30
channels:
  phone:
    daily_volume: {volume}
    open_h: [8, 18]
    aht_min: {aht}
agents:
  - name: agent
    count: {count}
    channels: [phone]
    shift_h: {shift}
    workdays: {workdays}
"""


def scenario(**changes: str) -> str:
    """The probe scenario with some settings replaced (as YAML text)."""
    settings = {
        "days": "2",
        "volume": "2000",
        "aht": "3.0",
        "count": "14",
        "shift": "[8, 18]",
        "workdays": "[mon, tue, wed, thu, fri]",
    }
    return PROBE_SCENARIO.format(**{**settings, **changes})


def alias_bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


DUPLICATE = scenario().replace("    aht_min: 3.0\n", "    aht_min: 3.0\n    aht_min: 12.0\n")
DECK = """\
title: Probe deck
languages: [en]
cards:
  - id: probe-card
    topic: foundations
    en:
      front: What is CRM?
      back: Customer relationship management.
"""

FILES: dict[str, str | bytes] = {
    "good.yaml": scenario(),
    "empty.yaml": "",
    "list.yaml": "- a\n- b\n",
    "notutf8.yaml": b"name: \xff\xfe\n",
    "bomb.yaml": alias_bomb(),
    "deep.yaml": "x: " + "[" * 5000 + "]" * 5000 + "\n",
    "dup.yaml": DUPLICATE,
    "nul.yaml": scenario().replace("Probe", "Pro\x00be"),
    "long.yaml": scenario(aht="x" * 5000),
    "days1e9.yaml": scenario(days="1e9"),
    "days5e3.yaml": scenario(days="5e3"),
    "days0.yaml": scenario(days="0"),
    "days-frac.yaml": scenario(days="2.5"),
    "volume.yaml": scenario(volume="1e12"),
    "contacts.yaml": scenario(days="700", volume="900000"),
    "count.yaml": scenario(count="1e7"),
    "count0.yaml": scenario(count="0"),
    "workdays.yaml": scenario(workdays="[]"),
    "weekday.yaml": scenario(workdays="[mon, someday]"),
    "shift.yaml": scenario(shift="[20, 23]"),
    "shift-bad.yaml": scenario(shift="[8, 30]"),
    "aht-neg.yaml": scenario(aht="-3"),
    "aht-inf.yaml": scenario(aht=".inf"),
    "aht-nan.yaml": scenario(aht=".nan"),
    "aht-text.yaml": scenario(aht="three"),
    "unknown-key.yaml": scenario() + "dayz: 3\n",
    "unknown-channel.yaml": scenario().replace("  phone:", "  fax:"),
    "no-agents.yaml": scenario().split("agents:")[0] + "agents: []\n",
    "syntax.yaml": "name: [unclosed\n",
    "tab.yaml": "name: x\n\tdays: 2\n",
    "cycle.yaml": "a: &a [*a]\n",
    "notes.txt": "my lecture notes\n",
    "afile": "a file, not a folder\n",
    "deck-bomb.yaml": alias_bomb(),
    "deck-deep.yaml": "cards: " + "[" * 3000 + "]" * 3000 + "\n",
    "deck-dup.yaml": DECK.replace("languages: [en]\n", "languages: [en]\nlanguages: [de]\n"),
    "deck-nul.yaml": DECK.replace("CRM?", "CRM\x00?"),
    "hash.tsv": "#What is CRM?\tCustomer relationship management\n",
    "fields.tsv": "a\tb\tc\n",
    "odd.txt": "Question one?\nAnswer one.\nQuestion two?\n",
    "latin1.txt": "Frage?\nAntwort mit \xe4\n".encode("latin-1"),
    "empty.tsv": "\n\n",
}


@dataclass(frozen=True)
class Probe:
    """One bad input and what the command must answer."""

    argv: tuple[str, ...]
    pattern: str
    lines: int = 1
    stdin: bytes = b""
    creates: tuple[str, ...] = ()
    """New files the command may create (a fresh progress file of its own)."""


def probe(
    *argv: str, pattern: str, lines: int = 1, stdin: bytes = b"", creates: tuple[str, ...] = ()
) -> Probe:
    return Probe(tuple(argv), pattern, lines, stdin, creates)


QUICK = ("callcenter", "--agents", "14", "--calls-per-hour", "200", "--aht-min", "3")
ERLANG = ("erlang", "--calls-per-hour", "200", "--aht-min", "3")
GENERATE = ("generate", "--customers", "100", "--out")
STATS = ("flashcards", "stats", "--learner", "ana", "--store")
IMPORT = ("flashcards", "import", "--lang", "en", "--topic", "foundations")
QUIZ = ("quiz", "--lang", "en", "--deck", "deck.yaml")

PROBES: dict[str, Probe] = {
    # scenario files
    "missing scenario": probe("callcenter", "missing.yaml", pattern="scenario file not found"),
    "folder as scenario": probe(
        "callcenter", "folder", pattern="cannot read scenario file|no such file"
    ),
    "empty scenario": probe("callcenter", "empty.yaml", pattern=r"empty\.yaml: the scenario must"),
    "list scenario": probe("callcenter", "list.yaml", pattern="must be a mapping"),
    "not UTF-8 scenario": probe("callcenter", "notutf8.yaml", pattern="cannot read scenario"),
    "alias bomb": probe("callcenter", "bomb.yaml", pattern="expands to more than|aliases"),
    "5000-deep nesting": probe("callcenter", "deep.yaml", pattern="nested more than 64 levels"),
    "alias cycle": probe("callcenter", "cycle.yaml", pattern="refers to itself|not valid YAML"),
    "duplicate key": probe(
        "callcenter", "dup.yaml", pattern=r"line 9: duplicate key 'aht_min' \(first at line 8\)"
    ),
    "NUL byte": probe("callcenter", "nul.yaml", pattern="line 1: contains a NUL byte"),
    "long value shortened": probe("callcenter", "long.yaml", pattern=r"got 'x{10,79}…"),
    "days 1e9": probe("callcenter", "days1e9.yaml", pattern="at most 731 .*got 1000000000"),
    "days 5e3 read as a number": probe("callcenter", "days5e3.yaml", pattern="got 5000$"),
    "days 0": probe("callcenter", "days0.yaml", pattern=r'"days" must be a whole number ≥ 1'),
    "fractional days": probe("callcenter", "days-frac.yaml", pattern="whole number"),
    "daily volume 1e12": probe("callcenter", "volume.yaml", pattern="daily_volume.* must be in"),
    "too many contacts": probe("callcenter", "contacts.yaml", pattern="at most 5,000,000"),
    "agent count 1e7": probe("callcenter", "count.yaml", pattern="count.* at most 10,000"),
    "agent count 0": probe("callcenter", "count0.yaml", pattern="count.* ≥ 1"),
    "workdays []": probe("callcenter", "workdays.yaml", pattern="at least one day"),
    "unknown weekday": probe("callcenter", "weekday.yaml", pattern="workdays.* must list"),
    "shift outside opening hours": probe(
        "callcenter", "shift.yaml", pattern="entirely outside the hours"
    ),
    "shift hour 30": probe("callcenter", "shift-bad.yaml", pattern="shift_h.* hours in 0..24"),
    "negative AHT": probe("callcenter", "aht-neg.yaml", pattern="aht_min.* must be in"),
    "infinite AHT": probe("callcenter", "aht-inf.yaml", pattern="aht_min.* must be a number"),
    "NaN AHT": probe("callcenter", "aht-nan.yaml", pattern="aht_min.* must be a number"),
    "AHT as text": probe("callcenter", "aht-text.yaml", pattern="aht_min.* must be a number"),
    "misspelt key": probe("callcenter", "unknown-key.yaml", pattern='did you mean "days"'),
    "unknown channel": probe("callcenter", "unknown-channel.yaml", pattern="unknown channel"),
    "no agents": probe("callcenter", "no-agents.yaml", pattern="must be a list of agent groups"),
    "YAML syntax": probe("callcenter", "syntax.yaml", pattern="line 2: not valid YAML"),
    "tab indentation": probe("callcenter", "tab.yaml", pattern="not valid YAML"),
    # callcenter options with a scenario
    "--days 1e9": probe("callcenter", "good.yaml", "--days", "1e9", pattern="from 1 to 731"),
    "--days 0": probe("callcenter", "good.yaml", "--days", "0", pattern="from 1 to 731"),
    "--days 2.5": probe("callcenter", "good.yaml", "--days", "2.5", pattern="whole number"),
    "--seed -1": probe("callcenter", "good.yaml", "--seed", "-1", pattern="--seed: .*≥ 0"),
    "--seed 1.5": probe("callcenter", "good.yaml", "--seed", "1.5", pattern="whole number"),
    "--seed text": probe("callcenter", "good.yaml", "--seed", "abc", pattern="must be a number"),
    "--out /proc/x": probe(
        "callcenter", "good.yaml", "--out", "/proc/x/y", pattern="cannot write in /proc"
    ),
    "--out is a file": probe("callcenter", "good.yaml", "--out", "afile", pattern="not a folder"),
    "--out under a file": probe(
        "callcenter", "good.yaml", "--out", "afile/run", pattern="afile is a file, not a folder"
    ),
    "--hours with a scenario": probe(
        "callcenter", "good.yaml", "--hours", "5", pattern="--hours belong to a quick run"
    ),
    "scenario and --agents": probe(
        "callcenter", "good.yaml", "--agents", "3", pattern="--agents belong to a quick run"
    ),
    # callcenter quick run
    "quick --days": probe(*QUICK, "--days", "3", pattern="--days applies to a scenario file"),
    "--agents 1e7": probe(*QUICK, "--agents", "1e7", pattern="from 1 to 10,000 .*limit"),
    "--agents 0": probe(*QUICK, "--agents", "0", pattern="from 1 to 10,000"),
    "--agents -3": probe(*QUICK, "--agents", "-3", pattern="from 1 to 10,000"),
    "--agents 2.5": probe(*QUICK, "--agents", "2.5", pattern="must be a whole number"),
    "--agents many": probe(*QUICK, "--agents", "many", pattern="must be a number"),
    "--calls-per-hour 1e12": probe(*QUICK, "--calls-per-hour", "1e12", pattern="1,000,000"),
    "--calls-per-hour -5": probe(*QUICK, "--calls-per-hour", "-5", pattern="must be a number >"),
    "--calls-per-hour nan": probe(*QUICK, "--calls-per-hour", "nan", pattern="finite number"),
    "--calls-per-hour inf": probe(*QUICK, "--calls-per-hour", "inf", pattern="finite number"),
    "--aht-min 0": probe(*QUICK, "--aht-min", "0", pattern="--aht-min: must be a number > 0"),
    "--aht-min inf": probe(*QUICK, "--aht-min", "inf", pattern="finite number"),
    "--patience-min 0": probe(*QUICK, "--patience-min", "0", pattern="must be a number > 0"),
    "--hours 1e9": probe(*QUICK, "--hours", "1e9", pattern="87,600 .*limit"),
    "--hours 0": probe(*QUICK, "--hours", "0", pattern="must be a number > 0"),
    "--hours too long for the rate": probe(*QUICK, "--hours", "87600", pattern="lower --hours"),
    "--sl-threshold-s inf": probe(*QUICK, "--sl-threshold-s", "inf", pattern="finite number"),
    "--sl-threshold-s -1": probe(*QUICK, "--sl-threshold-s", "-1", pattern="≥ 0"),
    "--warmup-min -1": probe(*QUICK, "--warmup-min", "-1", pattern="≥ 0"),
    "--warmup-min 1e12": probe(*QUICK, "--warmup-min", "1e12", pattern="limit of crmsim"),
    "--replications 0": probe(*QUICK, "--replications", "0", pattern="from 1 to 1,000"),
    "--compare without files": probe(*QUICK, "--compare", pattern="two or more scenario"),
    "overloaded queue": probe(*QUICK, "--agents", "10", pattern="grows without end"),
    "quick run missing --aht-min": probe(*QUICK[:5], pattern="--aht-min must be given"),
    "quick --out /proc": probe(*QUICK, "--out", "/proc/x/y", pattern="cannot write in /proc"),
    # erlang
    "erlang --agents 1e9": probe(*ERLANG, "--agents", "1e9", pattern="10,000 .*limit"),
    "erlang --agents 0": probe(*ERLANG, "--agents", "0", pattern="from 1 to 10,000"),
    "erlang --calls-per-hour 1e12": probe(
        "erlang", "--agents", "14", "--calls-per-hour", "1e12", "--aht-min", "3", pattern="limit"
    ),
    "erlang --calls-per-hour -1": probe(
        "erlang", "--agents", "14", "--calls-per-hour", "-1", "--aht-min", "3", pattern="≥ 0"
    ),
    "erlang --aht-min 0": probe(*ERLANG, "--agents", "14", "--aht-min", "0", pattern="> 0"),
    "erlang --aht-min nan": probe(*ERLANG, "--agents", "14", "--aht-min", "nan", pattern="finite"),
    "erlang --sl-threshold-s inf": probe(
        *ERLANG, "--agents", "14", "--sl-threshold-s", "inf", pattern="finite number"
    ),
    "erlang --hours 0": probe(*ERLANG, "--agents", "14", "--hours", "0", pattern="> 0"),
    "erlang --hours inf": probe(*ERLANG, "--agents", "14", "--hours", "inf", pattern="finite"),
    "erlang --target-sl 1.5": probe(*ERLANG, "--target-sl", "1.5", pattern="≤ 1, got 1.5"),
    "erlang --target-sl 0": probe(*ERLANG, "--target-sl", "0", pattern="> 0"),
    "erlang --target-sl 1": probe(*ERLANG, "--target-sl", "1", pattern="target_sl"),
    "erlang both agents and target": probe(
        *ERLANG, "--agents", "14", "--target-sl", "0.8", pattern="not allowed with"
    ),
    "erlang neither agents nor target": probe(*ERLANG, pattern="one of the arguments"),
    "erlang --shrinkage 1.5": probe(
        *ERLANG, "--target-sl", "0.8", "--shrinkage", "1.5", pattern="≤ 1"
    ),
    "erlang --max-occupancy 0": probe(
        *ERLANG, "--target-sl", "0.8", "--max-occupancy", "0", pattern="> 0"
    ),
    "erlang --shrinkage with --agents": probe(
        *ERLANG, "--agents", "14", "--shrinkage", "0.2", pattern="only applies together"
    ),
    "erlang offered load 1e6 Erlang": probe(
        "erlang",
        "--target-sl",
        "0.8",
        "--calls-per-hour",
        "1e6",
        "--aht-min",
        "60",
        pattern="above 10,000 Erlang",
    ),
    "erlang too few agents": probe(*ERLANG, "--agents", "9", pattern="needs more than 10 agents"),
    "erlang --patience-min -1": probe(
        *ERLANG, "--agents", "14", "--patience-min", "-1", pattern="> 0"
    ),
    # generate
    "generate --customers 1e12": probe(
        "generate", "--customers", "1e12", "--out", "ds", pattern="1,000,000 .*limit"
    ),
    "generate --customers 0": probe(
        "generate", "--customers", "0", "--out", "ds", pattern="from 1"
    ),
    "generate --customers 2.5": probe(
        "generate", "--customers", "2.5", "--out", "ds", pattern="whole number"
    ),
    "generate --years 21": probe(*GENERATE, "ds", "--years", "21", pattern="from 1 to 20"),
    "generate --years 0": probe(*GENERATE, "ds", "--years", "0", pattern="from 1 to 20"),
    "generate --seed -1": probe(*GENERATE, "ds", "--seed", "-1", pattern="≥ 0"),
    "generate --jobs 0": probe(*GENERATE, "ds", "--jobs", "0", pattern="from 1 to 64"),
    "generate --jobs 1000": probe(*GENERATE, "ds", "--jobs", "1000", pattern="from 1 to 64"),
    "generate --format xls": probe(*GENERATE, "ds", "--format", "xls", pattern="--format must"),
    "generate --start 9999-01-01": probe(
        *GENERATE, "ds", "--start", "9999-01-01", pattern="between 1900-01-01 and 2100-12-01"
    ),
    "generate --start mid-month": probe(
        *GENERATE, "ds", "--start", "2024-01-15", pattern="first day of a month"
    ),
    "generate --start soon": probe(*GENERATE, "ds", "--start", "soon", pattern="a date like"),
    "generate --out /proc/x": probe(*GENERATE, "/proc/x/y", pattern="cannot write in /proc"),
    "generate --out a file": probe(*GENERATE, "afile", pattern="not a folder"),
    "generate --out under a file": probe(*GENERATE, "afile/ds", pattern="is a file, not a folder"),
    "generate --out . --force": probe(*GENERATE, ".", "--force", pattern="--out"),
    "generate existing folder": probe(*GENERATE, "folder", pattern="--out"),
    "generate --force on a user folder": probe(*GENERATE, "folder", "--force", pattern="--out"),
    "generate without --customers": probe("generate", "--out", "ds", pattern="--customers"),
    # flashcards validate (one line per problem, then the count)
    "validate alias bomb": probe(
        "flashcards", "validate", "deck-bomb.yaml", pattern="expands|aliases", lines=2
    ),
    "validate deep nesting": probe(
        "flashcards", "validate", "deck-deep.yaml", pattern="nested more than", lines=2
    ),
    "validate duplicate key": probe(
        "flashcards", "validate", "deck-dup.yaml", pattern="duplicate key 'languages'", lines=2
    ),
    "validate NUL byte": probe(
        "flashcards", "validate", "deck-nul.yaml", pattern="NUL byte", lines=2
    ),
    "validate missing path": probe("flashcards", "validate", "nothing.yaml", pattern="no such"),
    "validate folder without decks": probe(
        "flashcards", "validate", "folder", pattern="no deck files"
    ),
    # flashcards anki
    "anki --out a folder": probe(
        "flashcards", "anki", "--deck", "deck.yaml", "--out", "folder", pattern="must end in .apkg"
    ),
    "anki --out folder.apkg": probe(
        "flashcards", "anki", "--deck", "deck.yaml", "--out", "box.apkg", pattern="is a folder"
    ),
    "anki --out x.txt": probe(
        "flashcards", "anki", "--deck", "deck.yaml", "--out", "x.txt", pattern="end in .apkg"
    ),
    "anki --out under a file": probe(
        "flashcards",
        "anki",
        "--deck",
        "deck.yaml",
        "--out",
        "afile/x.apkg",
        pattern="is a file, not a folder",
    ),
    "anki --out /proc": probe(
        "flashcards",
        "anki",
        "--deck",
        "deck.yaml",
        "--out",
        "/proc/x/y.apkg",
        pattern="cannot write in /proc",
    ),
    "anki --lang fr": probe("flashcards", "anki", "--out", "x.apkg", "--lang", "fr", pattern="fr"),
    "anki alias-bomb deck": probe(
        "flashcards", "anki", "--deck", "deck-bomb.yaml", "--out", "x.apkg", pattern="expands|alias"
    ),
    # flashcards stats
    "stats --store notes.txt": probe(*STATS, "notes.txt", pattern="not a crmsim progress file"),
    "stats --store other.sqlite": probe(*STATS, "other.sqlite", pattern="another program"),
    "stats --store missing": probe(*STATS, "missing.sqlite", pattern="no progress file"),
    "stats --store folder": probe(*STATS, "folder", pattern="is a folder"),
    "stats broken JSON row": probe(*STATS, "broken.sqlite", pattern="is damaged"),
    "stats unknown learner": probe(
        "flashcards", "stats", "--learner", "bob", "--store", "store.sqlite", pattern="no learner"
    ),
    "stats newer schema": probe(*STATS, "newer.sqlite", pattern="schema version 99"),
    # flashcards import
    "import a folder": probe(
        *IMPORT, "--format", "tsv", "--out", "o.yaml", "folder", pattern="is a folder"
    ),
    "import tsv question starting with #": probe(
        *IMPORT, "--format", "tsv", "--out", "o.yaml", "hash.tsv", pattern="starts with '#'"
    ),
    "import missing file": probe(
        *IMPORT, "--format", "tsv", "--out", "o.yaml", "nothing.tsv", pattern="no such file"
    ),
    "import not UTF-8": probe(
        *IMPORT, "--format", "lines", "--out", "o.yaml", "latin1.txt", pattern="not UTF-8"
    ),
    "import odd lines": probe(
        *IMPORT, "--format", "lines", "--out", "o.yaml", "odd.txt", pattern="has no answer line"
    ),
    "import three tsv fields": probe(
        *IMPORT, "--format", "tsv", "--out", "o.yaml", "fields.tsv", pattern="2 fields"
    ),
    "import empty tsv": probe(
        *IMPORT, "--format", "tsv", "--out", "o.yaml", "empty.tsv", pattern="no 'front<TAB>back'"
    ),
    "import --out exists": probe(
        *IMPORT, "--format", "tsv", "--out", "notes.txt", "fields.tsv", pattern="already exists"
    ),
    "import --out under a file": probe(
        *IMPORT,
        "--format",
        "tsv",
        "--out",
        "afile/o.yaml",
        "fields.tsv",
        pattern="is a file, not a folder",
    ),
    "import --out /proc": probe(
        *IMPORT, "--format", "tsv", "--out", "/proc/x/o.yaml", "fields.tsv", pattern="/proc"
    ),
    "import --format csv": probe(
        *IMPORT, "--format", "csv", "--out", "o.yaml", "fields.tsv", pattern="invalid choice"
    ),
    "import --topic nope": probe(
        "flashcards",
        "import",
        "--lang",
        "en",
        "--topic",
        "nope",
        "--format",
        "tsv",
        "--out",
        "o.yaml",
        "fields.tsv",
        pattern="invalid choice",
    ),
    # quiz
    "quiz --store notes.txt": probe(*QUIZ, "--store", "notes.txt", pattern="not a crmsim"),
    "quiz --store other.sqlite": probe(*QUIZ, "--store", "other.sqlite", pattern="another program"),
    "quiz --store under a file": probe(
        *QUIZ, "--store", "afile/p.sqlite", pattern="cannot create the folder"
    ),
    "quiz --store folder": probe(*QUIZ, "--store", "folder", pattern="is a folder"),
    "quiz --lang fr": probe("quiz", "--lang", "fr", pattern="invalid choice"),
    "quiz --limit 0": probe(*QUIZ, "--limit", "0", pattern="from 1 to 100,000"),
    "quiz --limit 1e9": probe(*QUIZ, "--limit", "1e9", pattern="from 1 to 100,000"),
    "quiz --seed -1": probe(*QUIZ, "--seed", "-1", pattern="≥ 0"),
    "quiz --new-per-day -1": probe(*QUIZ, "--new-per-day", "-1", pattern="from 0"),
    "quiz alias-bomb deck": probe("quiz", "--deck", "deck-bomb.yaml", pattern="expands|alias"),
    "quiz bad learner name": probe(
        *QUIZ, "--store", "new.sqlite", "--learner", "a/b", pattern="learner name"
    ),
    "quiz invalid bytes on stdin": probe(
        *QUIZ,
        "--store",
        "new.sqlite",
        pattern="not UTF-8 text",
        stdin=b"\xff\xfe\n",
        creates=("new.sqlite",),
    ),
    # check and exercises
    "exercises build without solutions": probe(
        "exercises", "build", "--folder", "folder", pattern="no solution notebooks"
    ),
    "exercises unknown action": probe("exercises", "rebuild", pattern="invalid choice"),
    "check without notebooks": probe("check", pattern="required"),
    # the top level
    "unknown command": probe("simulate", pattern="invalid choice"),
    "unknown option": probe("--bogus", pattern="unrecognized arguments|invalid choice|required"),
}


@dataclass
class Outcome:
    """What one probe gave."""

    status: int
    err: str
    out: str
    seconds: float
    grown_mb: float
    changed: list[str] = field(default_factory=list)


def prepare(folder: Path) -> None:
    """The files the probes refer to, in ``folder``."""
    for name, content in FILES.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (folder / "deck.yaml").write_text(DECK, encoding="utf-8")
    (folder / "folder").mkdir()
    (folder / "folder" / "mine.txt").write_text("keep me", encoding="utf-8")
    (folder / "box.apkg").mkdir()
    with sqlite3.connect(folder / "other.sqlite") as other:
        other.execute("CREATE TABLE invoices (amount_eur REAL)")
    other.close()
    import fsrs

    from crmsim.learn.store import SCHEMA_VERSION

    now = __import__("datetime").datetime(2026, 3, 2, tzinfo=__import__("datetime").UTC)
    card = fsrs.Card(card_id=0, due=now)
    for name in ("store.sqlite", "broken.sqlite", "newer.sqlite"):
        with ProgressStore(folder / name) as store:
            store.record_review("ana", "probe-card", 3, card, now)
    with sqlite3.connect(folder / "broken.sqlite") as raw:
        raw.execute("UPDATE card_states SET fsrs_card = '{not json'")
    raw.close()
    with sqlite3.connect(folder / "newer.sqlite") as raw:
        raw.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 98,))
    raw.close()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_probe(case: Probe, folder: Path, capsys, monkeypatch) -> Outcome:
    monkeypatch.chdir(folder)
    monkeypatch.setenv("CRMSIM_DATA_DIR", str(folder / "data"))
    stdin = io.TextIOWrapper(io.BytesIO(case.stdin), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    capsys.readouterr()
    before = snapshot(folder)
    memory = max_rss_mb()
    started = time.perf_counter()
    status = main(list(case.argv))
    seconds = time.perf_counter() - started
    captured = capsys.readouterr()
    after = snapshot(folder)
    changed = sorted(set(before.items()) ^ set(after.items()))
    return Outcome(
        status,
        captured.err,
        captured.out,
        seconds,
        max_rss_mb() - memory,
        [name for name, _ in changed],
    )


@pytest.fixture(scope="module")
def probe_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("probe")
    prepare(folder)
    # Import the libraries once beforehand: the time limit is for the command's own work.
    for module in ("crmsim.sim", "crmsim.warehouse", "crmsim.learn", "crmsim.exercises"):
        __import__(module)
    return folder


def test_the_table_is_broad() -> None:
    assert len(PROBES) >= 100
    commands = {case.argv[0] for case in PROBES.values()}
    assert {"callcenter", "erlang", "generate", "flashcards", "quiz", "check", "exercises"} <= (
        commands
    )


@pytest.mark.parametrize("name", list(PROBES))
def test_bad_input_gives_one_clear_line(name: str, probe_folder: Path, capsys, monkeypatch):
    case = PROBES[name]
    outcome = run_probe(case, probe_folder, capsys, monkeypatch)
    assert outcome.status == 2, outcome.err
    assert "Traceback" not in outcome.err + outcome.out
    lines = outcome.err.strip("\n").split("\n")
    assert len(lines) == case.lines, outcome.err
    assert lines[0].startswith("crmsim") or case.lines > 1, lines[0]
    assert all(len(line) <= 700 for line in lines)
    import re

    assert any(re.search(case.pattern, line) for line in lines), outcome.err
    assert sorted(set(outcome.changed) - set(case.creates)) == [], f"changed: {outcome.changed}"
    for name in case.creates:
        (probe_folder / name).unlink(missing_ok=True)
    assert outcome.seconds < SECONDS, f"took {outcome.seconds:.1f} s"
    assert outcome.grown_mb < MEGABYTES, f"grew by {outcome.grown_mb:.0f} MB"
