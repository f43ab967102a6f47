"""``make demo`` and the browser checks start Voila the same way, and the JupyterLab
settings used by the checks never save notebooks. No browser needed."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from servers import (
    DASHBOARD_NOTEBOOK,
    DEMO_CULLING,
    DEMO_PORT,
    LAB_SETTINGS_DIR,
    REPO_ROOT,
    culling_flags,
    voila_command,
)


@pytest.fixture(scope="module")
def demo_recipe() -> str:
    if shutil.which("make") is None:
        pytest.skip("'make' is not installed")
    done = subprocess.run(
        ["make", "-n", "demo"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.replace("\\\n", " ")


def test_make_demo_serves_the_dashboard_on_localhost_with_culling(demo_recipe):
    voila_line = next(line for line in demo_recipe.splitlines() if "voila" in line)
    flags = voila_line.split()
    assert DASHBOARD_NOTEBOOK in flags
    assert "--Voila.ip=127.0.0.1" in flags
    assert f"--port={DEMO_PORT}" in flags
    assert "--no-browser" in flags
    for flag in culling_flags(**DEMO_CULLING):
        assert flag in flags


def test_checks_start_voila_like_the_demo_apart_from_port_and_token():
    command = voila_command(5555, "secret")
    assert command[command.index("voila") + 1] == DASHBOARD_NOTEBOOK
    assert "--Voila.ip=127.0.0.1" in command
    assert "--port=5555" in command
    assert "--Voila.token=secret" in command
    assert DEMO_CULLING["cull_idle_timeout"] > 0 < DEMO_CULLING["cull_interval"]
    assert set(culling_flags(**DEMO_CULLING)) <= set(command)


def test_lab_settings_silence_news_and_never_autosave():
    overrides = json.loads((LAB_SETTINGS_DIR / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/docmanager-extension:plugin"]["autosave"] is False
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification["fetchNews"] == "false"
    assert notification["checkForUpdates"] is False
