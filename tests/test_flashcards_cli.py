"""``crmsim flashcards …`` and ``crmsim quiz``: in-process with capsys, plus real subprocesses."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crmsim.cli import main
from crmsim.learn.deck_files import load_deck

REPO = Path(__file__).resolve().parents[1]
DECK_DIR = REPO / "flashcards"


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(
        "cards:\n"
        + "".join(
            f"  - id: mini-{i}\n    topic: operational\n"
            f"    de: {{front: 'Frage {i}?', back: 'Antwort {i}.'}}\n"
            f"    en: {{front: 'Question {i}?', back: 'Answer {i}.'}}\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    return path


def test_validate_the_workbook_deck(capsys) -> None:
    assert main(["flashcards", "validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: ")
    assert f"{len(load_deck(DECK_DIR))} cards, languages de, en" in out


def test_validate_lists_every_problem_with_file_and_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "cards:\n  - id: x\n    topic: nope\n    de: {front: a, back: ''}\n", encoding="utf-8"
    )
    assert main(["flashcards", "validate", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"{bad}:3: unknown topic 'nope'; allowed: foundations" in err[0]
    assert any(f"{bad}:4: card 'x' [de] back is empty" in line for line in err)
    assert any(f"{bad}:2: card 'x' is missing language 'en'" in line for line in err)
    assert err[-1] == "3 problem(s) found"


def test_validate_malformed_yaml(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("cards:\n  - id: [unclosed\n", encoding="utf-8")
    assert main(["flashcards", "validate", str(bad)]) == 2
    assert f"{bad}:3: malformed YAML" in capsys.readouterr().err


def test_anki_export_counts_notes(tmp_path: Path, deck_file: Path, capsys) -> None:
    out = tmp_path / "mini.apkg"
    assert (
        main(["flashcards", "anki", "--out", str(out), "--lang", "de", "--deck", str(deck_file)])
        == 0
    )
    assert "wrote 3 notes (de)" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        archive.extract("collection.anki2", tmp_path)
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert connection.execute("SELECT COUNT(*) FROM notes").fetchone() == (3,)
    finally:
        connection.close()


def test_anki_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["flashcards", "anki", "--out", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("crmsim flashcards: error: ") and "must end in .apkg" in err
    assert main(["flashcards", "anki", "--out", str(tmp_path / "x.apkg"), "--lang", "fr"]) == 2


def test_import_lines_and_tsv(tmp_path: Path, capsys) -> None:
    source = tmp_path / "source.txt"
    source.write_text("Meine Karten\nWas ist CRM?\nEine Haltung.\n", encoding="utf-8")
    out = tmp_path / "imported.yaml"
    argv = ["flashcards", "import", str(source), "--format", "lines", "--lang", "de"]
    argv += ["--topic", "foundations", "--out", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{source}:3: question 'Eine Haltung.' has no answer line" in err
    assert "if line 1 ('Meine Karten') is a title, skip it" in err
    assert not out.exists()
    assert main([*argv, "--skip-title"]) == 0
    assert "wrote 1 cards (de, topic foundations)" in capsys.readouterr().out
    assert load_deck(out).cards[0].sides["de"].back == "Eine Haltung."
    assert main([*argv, "--skip-title"]) == 2
    assert "already exists" in capsys.readouterr().err
    tsv = tmp_path / "export.txt"
    tsv.write_text("front\tback\n", encoding="utf-8")
    tsv_out = tmp_path / "tsv.yaml"
    assert main(["flashcards", "import", str(tsv), "--format", "tsv", "--lang", "en",
                 "--topic", "analytical", "--out", str(tsv_out)]) == 0  # fmt: skip
    assert main(["flashcards", "validate", str(tsv_out)]) == 0


def test_quiz_and_stats_share_the_store(
    tmp_path: Path, deck_file: Path, capsys, monkeypatch
) -> None:
    store = tmp_path / "progress.sqlite"
    monkeypatch.setattr(sys, "stdin", io.StringIO("f\n1\n\n3\n"))
    argv = ["quiz", "--lang", "en", "--deck", str(deck_file), "--store", str(store)]
    assert main([*argv, "--learner", "ana", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Q: Question 0?" in out and "A: Answer 1." in out
    assert "2 answers (2 new cards): again 1 · hard 0 · good 1 · easy 0" in out
    stats = ["flashcards", "stats", "--deck", str(deck_file), "--store", str(store)]
    assert main([*stats, "--learner", "ana"]) == 0
    assert "learner ana: 2 answers on 2 of 3 cards" in capsys.readouterr().out
    assert main([*stats, "--learner", "zoe"]) == 2
    assert "no learner profile 'zoe'" in capsys.readouterr().err
    missing = ["flashcards", "stats", "--store", str(tmp_path / "none.sqlite")]
    assert main(missing) == 2
    assert "no progress file at" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_quiz_choice_mode_with_topic(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n"))
    argv = ["quiz", "--mode", "choice", "--topic", "closed-loop", "--limit", "1"]
    assert main([*argv, "--store", str(tmp_path / "p.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "Closed-Loop-CRM" in out and "  4) " in out
    assert "1 answer (1 new card)" in out


def test_quiz_refuses_newer_store_and_keeps_it(tmp_path: Path, deck_file: Path, capsys) -> None:
    store = tmp_path / "progress.sqlite"
    connection = sqlite3.connect(store)
    connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    connection.execute("INSERT INTO schema_version VALUES (99)")
    connection.commit()
    connection.close()
    before = store.read_bytes()
    assert main(["quiz", "--deck", str(deck_file), "--store", str(store)]) == 2
    assert "schema version 99" in capsys.readouterr().err
    assert store.read_bytes() == before


def test_quiz_refuses_a_file_that_is_not_a_store(
    tmp_path: Path, deck_file: Path, capsys, monkeypatch
) -> None:
    store = tmp_path / "progress.sqlite"
    store.write_bytes(b"not sqlite" * 20)
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert main(["quiz", "--deck", str(deck_file), "--store", str(store)]) == 2
    assert "not a crmsim progress file" in capsys.readouterr().err
    assert store.read_bytes() == b"not sqlite" * 20
    assert list(tmp_path.glob("progress.sqlite.corrupt-*")) == []


def run_crmsim(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crmsim", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_subprocess_flashcards_validate() -> None:
    result = run_crmsim("flashcards", "validate", str(DECK_DIR))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_subprocess_quiz_with_piped_answers(tmp_path: Path, deck_file: Path) -> None:
    store = tmp_path / "p.sqlite"
    result = run_crmsim(
        "quiz", "--deck", str(deck_file), "--store", str(store), "--lang", "de",
        stdin="f\n4\nf\n2\nq\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "F: Frage 0?" in result.stdout
    assert "2 answers (2 new cards): again 0 · hard 1 · good 0 · easy 1" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["quiz", "--topic", "astrology"],
        ["quiz", "--lang", "fr"],
        ["quiz", "--mode", "cloze"],
        ["flashcards", "import", "x.txt", "--format", "csv", "--lang", "de", "--topic",
         "foundations", "--out", "y.yaml"],
        ["flashcards"],
    ],
)  # fmt: skip
def test_unknown_choices_exit_2_with_one_line(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error:" in err


def test_quiz_with_missing_deck_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["quiz", "--deck", str(tmp_path / "missing.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such deck file" in err


def test_quiz_with_unknown_learner_name_exits_2(tmp_path: Path, deck_file: Path, capsys) -> None:
    argv = ["quiz", "--deck", str(deck_file), "--store", str(tmp_path / "p.sqlite")]
    assert main([*argv, "--learner", "a/b"]) == 2
    assert "learner name 'a/b'" in capsys.readouterr().err
