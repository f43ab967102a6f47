"""The progress bar of a run: shown on request, and not loaded when nobody asks for it."""

from __future__ import annotations

import subprocess
import sys

from crmsim.scenario import mmc_scenario
from crmsim.sim.run import simulate


def test_a_run_asked_for_progress_shows_a_bar_per_day(capsys) -> None:
    quiet = simulate(mmc_scenario(agents=3, calls_per_hour=20, aht_min=6), seed=1, days=2)
    assert capsys.readouterr().err == ""
    shown = simulate(
        mmc_scenario(agents=3, calls_per_hour=20, aht_min=6), seed=1, days=2, progress=True
    )
    assert "simulating" in capsys.readouterr().err
    assert shown.contacts.equals(quiet.contacts)  # the bar changes nothing


def test_a_run_without_progress_does_not_import_the_progress_bar() -> None:
    code = (
        "import sys; from crmsim.sim.run import simulate; "
        "from crmsim.scenario import mmc_scenario; "
        "simulate(mmc_scenario(agents=2, calls_per_hour=10, aht_min=5), seed=1, days=1); "
        "print('tqdm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
