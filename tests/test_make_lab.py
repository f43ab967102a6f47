"""``make lab``, ``make demo`` and ``make help``: the servers and the first ten minutes.

The lab test starts a real JupyterLab through jupyter-config/start_lab.py (as
``make lab`` does) and checks that the link with the token is the last thing
printed, opens "Start here", that the token is on no command line, that a busy
port moves on to the next one, that ``crmsim`` works in Lab's own terminal, and
that the server ends with the script.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
START_LAB = REPO / "jupyter-config" / "start_lab.py"

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="'make' is not installed")


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_dry_run(*arguments: str) -> str:
    done = subprocess.run(
        ["make", "-n", *arguments], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.replace("\\\n", " ")


def command_lines() -> list[str]:
    """Every process's command line (from /proc)."""
    lines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:
                continue
    return lines


async def run_in_terminal(port: int, token: str, line: str) -> str:
    """Open a JupyterLab terminal, type ``line`` and return what it printed."""
    from tornado.websocket import websocket_connect

    base = f"http://127.0.0.1:{port}/api/terminals"
    request = urllib.request.Request(f"{base}?token={token}", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=30) as answer:
        name = json.load(answer)["name"]
    socket_url = f"ws://127.0.0.1:{port}/terminals/websocket/{name}?token={token}"
    connection = await websocket_connect(socket_url)
    await connection.write_message(json.dumps(["stdin", line + "\r"]))
    output = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "crmsim 0" not in output:
        try:
            message = await asyncio.wait_for(connection.read_message(), 1)
        except TimeoutError:
            continue
        if message is None:
            break
        kind, *rest = json.loads(message)
        if kind == "stdout":
            output += rest[0]
    connection.close()
    return output


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")
def test_lab_prints_the_link_last_and_keeps_the_token_off_command_lines() -> None:
    wanted = free_port()
    busy = socket.socket()
    busy.bind(("127.0.0.1", wanted))
    busy.listen()
    environment = {**os.environ, "PATH": "/usr/bin:/bin"}  # crmsim is not on this PATH
    launcher = subprocess.Popen(
        [sys.executable, str(START_LAB), f"--port={wanted}", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert launcher.stdout is not None
        printed = []
        started = time.monotonic()
        while not printed or "token=" not in printed[-1]:
            line = launcher.stdout.readline()
            assert line, f"the launcher ended: {launcher.stderr.read() if launcher.stderr else ''}"
            printed.append(line.rstrip("\n"))
        seconds_to_link = time.monotonic() - started
        link = printed[-1].strip()
        assert link.startswith("http://127.0.0.1:")
        assert "/lab/tree/notebooks/00-start-here.ipynb?token=" in link
        port = int(link.split(":")[2].split("/")[0])
        assert port != wanted and f"Port {wanted} is busy" in "\n".join(printed)
        token = link.rsplit("token=", 1)[1]
        assert len(token) >= 32
        assert not [line for line in command_lines() if token in line]
        with urllib.request.urlopen(link.replace("/lab/tree/", "/api/contents/"), timeout=30) as r:
            assert json.load(r)["name"] == "00-start-here.ipynb"
        shown = asyncio.run(run_in_terminal(port, token, "command -v crmsim; crmsim --version"))
        assert "crmsim 0." in shown and ".venv/bin/crmsim" in shown
        assert seconds_to_link < 180
    finally:
        busy.close()
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(timeout=30)
        for stream in (launcher.stdout, launcher.stderr):
            if stream is not None:
                stream.close()
    time.sleep(1)
    assert not [line for line in command_lines() if f"--port={port}" in line]


def test_choose_port_moves_past_a_busy_port() -> None:
    start_lab = load_module(START_LAB, "start_lab")
    wanted = free_port()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", wanted))
        busy.listen()
        assert not start_lab.port_is_free(wanted)
        assert start_lab.choose_port(wanted) > wanted
    assert start_lab.choose_port(wanted) == wanted


def test_the_server_environment_puts_the_venv_first_and_carries_the_token() -> None:
    start_lab = load_module(START_LAB, "start_lab")
    environment = start_lab.server_environment("abc")
    assert environment["JUPYTER_TOKEN"] == "abc"
    assert environment["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent)
    assert "abc" not in " ".join(start_lab.lab_command(8888))


@needs_make
def test_make_lab_takes_the_port_and_puts_no_token_on_its_command_line() -> None:
    recipe = make_dry_run("-o", ".venv/.installed-runtime", "lab", "PORT=8890")
    assert "start_lab.py --port=8890" in recipe
    assert "token" not in recipe.lower()


@needs_make
def test_make_lab_installs_only_the_runtime_and_make_test_the_tools() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    runtime_rule = makefile.split("$(RUNTIME_STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    full_rule = makefile.split("$(STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "pip install --quiet -e .\n" in runtime_rule + "\n" and "[test" not in runtime_rule
    assert "'.[test,bench,dev,scale]'" in full_rule
    assert "\nlab: $(RUNTIME_STAMP)" in makefile
    assert "\nlint: $(STAMP)" in makefile and "\nbench: $(STAMP)" in makefile
    assert "\ntest: lint" in makefile


@needs_make
def test_make_help_lists_the_targets() -> None:
    done = subprocess.run(["make", "help"], cwd=REPO, capture_output=True, text=True, check=True)
    names = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert {"lab", "test", "bench", "check", "demo", "help", "clean"} <= names


@needs_make
def test_make_demo_limits_kernels_and_needs_a_token_off_localhost() -> None:
    recipe = make_dry_run("-o", ".venv/.installed-runtime", "demo")
    assert "--Voila.ip=127.0.0.1" in recipe and "Voila.token" not in recipe
    assert "demo_kernels.LimitedKernelManager" in recipe
    assert "--LimitedKernelManager.max_kernels=6" in recipe
    refused = subprocess.run(
        ["make", "-o", ".venv/.installed-runtime", "demo", "DEMO_IP=0.0.0.0"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "needs a token" in refused.stderr
    classroom = make_dry_run(
        "-o", ".venv/.installed-runtime", "demo", "DEMO_IP=0.0.0.0", "DEMO_TOKEN=lecture"
    )
    assert "--Voila.ip=0.0.0.0" in classroom and "--Voila.token=lecture" in classroom


def test_the_demo_kernel_manager_refuses_kernels_beyond_its_limit() -> None:
    from tornado import web

    demo_kernels = load_module(REPO / "jupyter-config" / "demo_kernels.py", "demo_kernels")
    manager = demo_kernels.LimitedKernelManager(max_kernels=2)
    manager.list_kernel_ids = lambda: ["a", "b"]  # type: ignore[method-assign]
    with pytest.raises(web.HTTPError) as refused:
        asyncio.run(manager.start_kernel())
    assert refused.value.status_code == 503
    assert "limit" in str(refused.value.log_message)
    assert "try again" in str(refused.value.reason)


def test_license_file_matches_pyproject_in_the_current_metadata_form() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"  # an SPDX expression; a table is deprecated
    assert project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_dot_gitignore_keeps_the_readme_example_output_out_of_git() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--out run/" in readme
    assert "/run/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
