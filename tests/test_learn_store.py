"""The SQLite progress store: location, profiles, transactions, corrupt and newer files."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import platformdirs
import pytest

from crmsim.errors import InputError
from crmsim.learn.store import (
    SCHEMA_VERSION,
    ProgressStore,
    default_store_path,
    require_learner,
)

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]


def reviewed_card(rating: fsrs.Rating = fsrs.Rating.Good) -> fsrs.Card:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card, _ = scheduler.review_card(fsrs.Card(card_id=0, due=T0), rating, review_datetime=T0)
    return card


def test_default_location_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRMSIM_DATA_DIR", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "progress.sqlite"
    with ProgressStore() as store:
        assert store.path == tmp_path / "data" / "progress.sqlite"
    assert (tmp_path / "data" / "progress.sqlite").is_file()
    monkeypatch.delenv("CRMSIM_DATA_DIR")
    expected = Path(platformdirs.user_data_dir("crmsim", appauthor=False)) / "progress.sqlite"
    assert default_store_path() == expected


def test_reviews_and_states_persist_per_learner(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    with ProgressStore(path) as store:
        store.ensure_learner("ana", T0)
        store.ensure_learner("ben", T0)
        store.ensure_learner("ana", T0)
        card = reviewed_card()
        store.record_review("ana", "crm-definition", 3, card, T0)
        store.record_review("ana", "crm-definition", 4, card, T0 + timedelta(minutes=10))
        store.record_review("ana", "erp-backbone", 1, card, T0 + timedelta(minutes=11))
    with ProgressStore(path) as store:
        assert store.learners() == ["ana", "ben"]
        assert set(store.card_states("ana")) == {"crm-definition", "erp-backbone"}
        assert store.card_states("ben") == {}
        restored = store.card_states("ana")["crm-definition"]
        assert restored.to_dict() == card.to_dict()
        reviews = store.reviews("ana")
        assert [(r.card_id, r.rating, r.first_review) for r in reviews] == [
            ("crm-definition", 3, True),
            ("crm-definition", 4, False),
            ("erp-backbone", 1, True),
        ]
        assert reviews[1].reviewed_at == T0 + timedelta(minutes=10)
        assert store.new_cards_since("ana", T0 + timedelta(minutes=5)) == 1
        assert store.new_cards_since("ana", T0) == 2


def test_a_failed_write_leaves_nothing_half_done(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        store.ensure_learner("ana", T0)
        store._connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON card_states BEGIN SELECT RAISE(ABORT, 'x'); END"
        )
        with pytest.raises(sqlite3.IntegrityError):
            store.record_review("ana", "crm-definition", 3, reviewed_card(), T0)
        assert store.reviews("ana") == []
        assert store.card_states("ana") == {}


def test_a_file_that_is_not_a_database_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(InputError, match="not a crmsim progress file.*left unchanged"):
        ProgressStore(path)
    assert path.read_bytes() == garbage
    assert list(tmp_path.iterdir()) == [path]


def test_a_damaged_crmsim_store_is_moved_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    with ProgressStore(path) as store:
        store.record_review("ana", "crm-definition", 3, reviewed_card(), T0)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE card_states SET fsrs_card = '{broken'")
    raw.close()
    damaged = path.read_bytes()
    with ProgressStore(path) as store:
        assert store.notice is not None
        assert "was damaged" in store.notice and "moved to" in store.notice
        store.ensure_learner("ana", T0)
        assert store.learners() == ["ana"]
    [aside] = tmp_path.glob("progress.sqlite.corrupt-*")
    assert aside.read_bytes() == damaged
    assert str(aside) in (store.notice or "")


def test_foreign_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (amount_eur REAL)")
    other.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="another program .*invoices"):
        ProgressStore(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("progress.sqlite.corrupt-*")) == []


def test_newer_schema_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    with ProgressStore(path) as store:
        store.ensure_learner("ana", T0)
        store._connection.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    before = path.read_bytes()
    with pytest.raises(InputError, match=rf"schema version {SCHEMA_VERSION + 1}, this crmsim"):
        ProgressStore(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_learner_names_are_checked() -> None:
    assert require_learner("Ana Müller") == "Ana Müller"
    for bad in ("", "x" * 65, "a/b", "semi;colon"):
        with pytest.raises(InputError, match="learner name"):
            require_learner(bad)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killing_the_process_keeps_every_given_answer(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import UTC, datetime
        from crmsim.learn import ProgressStore, StudySession, load_deck
        deck = load_deck({str(REPO / "flashcards")!r})
        session = StudySession(deck, ProgressStore({str(path)!r}), "ana",
                               clock=lambda: datetime(2026, 3, 2, 9, tzinfo=UTC))
        for rating in ("good", "again", "easy"):
            session.rate(session.next_card().card_id, rating)
        print("answered", flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "answered"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    with ProgressStore(path) as store:
        assert store.notice is None
        assert [r.rating for r in store.reviews("ana")] == [3, 1, 4]
        assert len(store.card_states("ana")) == 3


def test_unopenable_path_is_refused_without_moving_anything(tmp_path: Path) -> None:
    folder = tmp_path / "progress.sqlite"
    folder.mkdir()
    with pytest.raises(InputError, match="progress"):
        ProgressStore(folder)
    assert folder.is_dir()
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_store_opened_in_one_thread_is_usable_from_another(tmp_path: Path) -> None:
    """Notebook widgets run button callbacks on another thread than the cells."""
    import threading

    errors: list[BaseException] = []
    with ProgressStore(tmp_path / "progress.sqlite") as store:
        store.ensure_learner("ana", T0)

        def rate(minute: int) -> None:
            try:
                store.record_review(
                    "ana", f"card-{minute}", 3, reviewed_card(), T0 + timedelta(minutes=minute)
                )
            except BaseException as error:  # collected and re-raised in the test thread
                errors.append(error)

        threads = [threading.Thread(target=rate, args=(m,)) for m in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(store.reviews("ana")) == 8
