"""Start JupyterLab or Voila on 127.0.0.1 for the browser checks.

Shared by the browser tests (``tests/browser``) and the slider-latency benchmark
(``benchmarks/bench_browser.py``). Every server runs from the repository root on a
free port with a random token, and with its own configuration, settings, runtime
and ``CRMSIM_DATA_DIR`` folders inside a temporary folder, so nothing of the
user's Jupyter setup or flashcard progress is read or written. Servers are always
stopped, together with the kernels they started, when the ``with`` block ends.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psutil

REPO_ROOT = Path(__file__).resolve().parents[2]
#: JupyterLab's application settings folder: ``overrides.json`` silences the news
#: pop-up and attaches every notebook cell to the page (no virtual scrolling).
LAB_SETTINGS_DIR = REPO_ROOT / "jupyter-config" / "lab-settings"
DASHBOARD_NOTEBOOK = "notebooks/dashboards/contact-center.ipynb"

#: Culling for the live demo (``make demo``): a kernel whose page was closed is shut
#: down after 10 minutes without activity; the check runs every minute.
DEMO_CULLING = {"cull_idle_timeout": 600, "cull_interval": 60}
DEMO_PORT = 8866

STARTUP_TIMEOUT_S = 90.0
#: How long a notebook's kernel must stay the same before cells are run (seconds).
SETTLE_S = 1.0
STOP_TIMEOUT_S = 15.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def culling_flags(cull_idle_timeout: int, cull_interval: int) -> list[str]:
    """Kernel-manager flags that shut down idle kernels nobody is connected to.

    Parameters
    ----------
    cull_idle_timeout
        Seconds a kernel without a browser connection may stay idle.
    cull_interval
        Seconds between two checks.
    """
    return [
        f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={cull_interval}",
    ]


def isolated_environment(folder: Path) -> dict[str, str]:
    """Environment variables that keep a server's state inside ``folder``."""
    env = dict(os.environ)
    for name, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-user-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("IPYTHONDIR", "ipython"),
        ("CRMSIM_DATA_DIR", "crmsim-data"),
    ):
        path = folder / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    return env


def lab_command(port: int, token: str, checkpoints: Path) -> list[str]:
    """JupyterLab on 127.0.0.1:``port``, serving the repository, without opening a browser.

    File checkpoints go to the folder ``checkpoints`` instead of ``.ipynb_checkpoints``
    beside the notebooks.
    """
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={REPO_ROOT}",
        f"--LabApp.app_settings_dir={LAB_SETTINGS_DIR}",
        f"--FileCheckpoints.checkpoint_dir={checkpoints}",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    return command


def voila_command(
    port: int,
    token: str,
    *,
    notebook: str = DASHBOARD_NOTEBOOK,
    cull_idle_timeout: int = DEMO_CULLING["cull_idle_timeout"],
    cull_interval: int = DEMO_CULLING["cull_interval"],
) -> list[str]:
    """Voila showing ``notebook`` (relative to the repository) like ``make demo`` does."""
    return [
        sys.executable,
        "-m",
        "voila",
        notebook,
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--Voila.token={token}",
        *culling_flags(cull_idle_timeout, cull_interval),
    ]


@dataclass
class RunningServer:
    """A started server: where it listens, its token, its process and log file."""

    port: int
    token: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base_url(self) -> str:
        """E.g. ``http://127.0.0.1:8888``."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/", query: str = "") -> str:
        """``path`` on this server with the token (and ``query``, e.g. ``"reset"``) attached."""
        extra = f"{query}&" if query else ""
        return f"{self.base_url}{path}?{extra}token={self.token}"

    def lab_notebook_url(self, notebook: str) -> str:
        """A fresh, uniquely named JupyterLab workspace showing only ``notebook``."""
        workspace = f"check-{uuid.uuid4().hex[:12]}"
        return self.url(f"/lab/workspaces/{workspace}/tree/{quote(notebook)}", query="reset")

    def kernel_processes(self) -> list[psutil.Process]:
        """The IPython kernels this server has started and that are still running."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        return [child for child in children if _is_kernel(child)]

    def api(self, path: str) -> object:
        """GET ``/api/<path>`` with the token and decode the JSON answer."""
        with urllib.request.urlopen(self.url(f"/api/{path}"), timeout=10) as answer:
            return json.load(answer)

    def wait_for_settled_kernel(self, notebook: str, timeout_s: float = 60.0) -> str:
        """Wait until ``notebook``'s session has one kernel, connected and idle, that stays
        the same for ``SETTLE_S`` seconds; return its id.

        JupyterLab may start a kernel and replace it at once while a fresh page is still
        deciding which kernel the notebook prefers; cells run in between are lost.
        """
        deadline = time.monotonic() + timeout_s
        settled_since, kernel_id = None, None
        while time.monotonic() < deadline:
            current = self._connected_idle_kernel(notebook)
            if current is None or current != kernel_id:
                settled_since, kernel_id = time.monotonic(), current
            elif time.monotonic() - settled_since >= SETTLE_S:
                return kernel_id
            time.sleep(0.2)
        raise TimeoutError(
            f"no settled kernel for {notebook} within {timeout_s:.0f} s; "
            f"the server's last output:\n{self.log_tail()}"
        )

    def _connected_idle_kernel(self, notebook: str) -> str | None:
        sessions = [s for s in self.api("sessions") if s.get("path") == notebook]
        if len(sessions) != 1 or not sessions[0].get("kernel"):
            return None
        kernel = sessions[0]["kernel"]
        if kernel.get("connections", 0) < 1 or kernel.get("execution_state") != "idle":
            return None
        return str(kernel["id"])

    def log_tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the server's output, for error messages."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _is_kernel(process: psutil.Process) -> bool:
    try:
        return "ipykernel_launcher" in " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _wait_until_listening(server: RunningServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"the server stopped with exit status {server.process.returncode} while "
                f"starting; its last output:\n{server.log_tail()}"
            )
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1.0):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(
        f"the server did not listen on port {server.port} within {timeout_s:.0f} s; "
        f"its last output:\n{server.log_tail()}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server gracefully, then end whatever it started and left behind."""
    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)
    for child in descendants:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            continue
    psutil.wait_procs(descendants, timeout=STOP_TIMEOUT_S)


@contextmanager
def running_server(
    command: Sequence[str], port: int, token: str, folder: Path
) -> Iterator[RunningServer]:
    """Run ``command`` from the repository root with the environment isolated in ``folder``.

    Yields once the server accepts connections (at most ``STARTUP_TIMEOUT_S`` seconds);
    stops it and its kernels on leaving, also after an error.
    """
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            list(command),
            cwd=REPO_ROOT,
            env=isolated_environment(folder),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            server = RunningServer(port, token, process, log_path)
            _wait_until_listening(server, STARTUP_TIMEOUT_S)
            yield server
        finally:
            _stop(process)


@contextmanager
def running_lab(folder: Path) -> Iterator[RunningServer]:
    """JupyterLab on a free port with a random token (see :func:`running_server`)."""
    port, token = free_port(), secrets.token_hex(24)
    command = lab_command(port, token, folder / "checkpoints")
    with running_server(command, port, token, folder) as server:
        yield server


@contextmanager
def running_voila(
    folder: Path,
    *,
    cull_idle_timeout: int = DEMO_CULLING["cull_idle_timeout"],
    cull_interval: int = DEMO_CULLING["cull_interval"],
) -> Iterator[RunningServer]:
    """Voila with the dashboard notebook on a free port with a random token."""
    port, token = free_port(), secrets.token_hex(24)
    command = voila_command(
        port, token, cull_idle_timeout=cull_idle_timeout, cull_interval=cull_interval
    )
    with running_server(command, port, token, folder) as server:
        yield server
