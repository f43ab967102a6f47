"""Start JupyterLab on the workbook and print the link to "Start here" as the last lines.

``make lab`` runs this script with the virtual environment's Python. It

* chooses the port (``--port``, default 8888); a busy port is reported and the
  next free one within 20 is used, so the printed link is always the right one;
* makes a fresh access token and hands it to Jupyter in the environment
  (``JUPYTER_TOKEN``), never on the command line, where other users of the
  machine could read it with ``ps``;
* puts the virtual environment's ``bin`` folder first on the server's ``PATH``,
  so that ``crmsim`` works in JupyterLab's own terminals;
* keeps that ``PATH`` in terminals, which Jupyter would otherwise start as login
  shells (see :func:`terminal_config`);
* writes the server's log to a file in a private temporary folder and prints,
  once the server answers, the link that opens notebooks/00-start-here.ipynb.

Ctrl+C stops the server.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
SETTINGS = REPOSITORY / "jupyter-config" / "workbook-settings"
PORTS_TRIED = 20
READY_TIMEOUT_S = 180.0
PR_SET_PDEATHSIG = 1


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether nothing listens on ``host:port`` (a test bind succeeds)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(wanted: int, tries: int = PORTS_TRIED) -> int:
    """``wanted`` if it is free, else the next free port above it (at most ``tries``)."""
    for port in range(wanted, min(wanted + tries, 65536)):
        if port_is_free(port):
            return port
    raise SystemExit(
        f"make lab: ports {wanted}-{wanted + tries - 1} are all busy; choose another with "
        "'make lab PORT=9000'"
    )


def lab_link(port: int, token: str) -> str:
    """The URL that opens "Start here" with the token."""
    return f"http://127.0.0.1:{port}/lab/tree/{START_NOTEBOOK}?token={token}"


def server_environment(token: str) -> dict[str, str]:
    """The environment of the server: the token, and the venv first on ``PATH``."""
    environment = dict(os.environ)
    environment["JUPYTER_TOKEN"] = token
    venv_bin = str(Path(sys.executable).parent)
    path = environment.get("PATH", "")
    if path.split(os.pathsep)[:1] != [venv_bin]:
        environment["PATH"] = os.pathsep.join([venv_bin, path]) if path else venv_bin
    environment["VIRTUAL_ENV"] = str(Path(sys.executable).parents[1])
    return environment


def terminal_config(folder: Path) -> Path:
    """A Jupyter config file whose terminals keep the virtual environment on ``PATH``.

    Without a terminal to its own, Jupyter starts terminals as login shells, and
    a login shell's /etc/profile resets ``PATH``. With bash, the terminal reads
    the user's ~/.bashrc and then puts the virtual environment first; without
    bash, the shell starts as a plain (non-login) shell that inherits ``PATH``.
    """
    venv_bin = Path(sys.executable).parent
    bash = shutil.which("bash")
    if bash:
        rc_file = folder / "bashrc"
        rc_file.write_text(
            "[ -f ~/.bashrc ] && . ~/.bashrc\n"
            f"export VIRTUAL_ENV={shlex.quote(str(venv_bin.parent))}\n"
            f'export PATH={shlex.quote(str(venv_bin))}:"$PATH"\n',
            encoding="utf-8",
        )
        shell = [bash, "--rcfile", str(rc_file), "-i"]
    else:
        shell = [os.environ.get("SHELL") or "sh"]
    config = folder / "jupyter_lab_config.json"
    settings = {"ServerApp": {"terminado_settings": {"shell_command": shell}}}
    config.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    return config


def lab_command(port: int, config: Path | None = None) -> list[str]:
    """The JupyterLab command line (no secrets in it)."""
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1"]
    if config is not None:
        command.append(f"--config={config}")
    command += [
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={REPOSITORY}",
    ]
    command += [f"--LabApp.app_settings_dir={SETTINGS}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root unless told it is intended
    return command


def wait_until_ready(port: int, token: str, server: subprocess.Popen[bytes]) -> bool:
    """Poll the server's status page until it answers (``False`` if the server ended)."""
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(url, timeout=2) as answer,
        ):
            if answer.status == 200:
                return True
        time.sleep(0.3)
    return False


def _die_with_parent() -> None:
    """In the server process (Linux): get SIGTERM when this script ends, even by kill -9."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start JupyterLab on the CRM Workbook.")
    parser.add_argument("--port", type=int, default=8888, help="port to use (default 8888)")
    parser.add_argument(
        "--no-browser", action="store_true", help="print the link, do not open a browser"
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    port = choose_port(args.port)
    notes = []
    if port != args.port:
        notes.append(f"Port {args.port} is busy (another Jupyter?), so port {port} is used.")
    token = secrets.token_hex(24)
    private = Path(tempfile.mkdtemp(prefix="crm-workbook-lab-"))  # mode 0700: only for us
    log_path = private / "jupyter.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            lab_command(port, terminal_config(private)),
            cwd=REPOSITORY,
            env=server_environment(token),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl+C reaches this script, which stops the server
            preexec_fn=_die_with_parent,
        )
    try:
        if not wait_until_ready(port, token, server):
            tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            print("\n".join(tail), file=sys.stderr)
            print(f"make lab: JupyterLab did not start (full log: {log_path})", file=sys.stderr)
            return 1
        link = lab_link(port, token)
        if not args.no_browser:
            with contextlib.suppress(Exception):
                webbrowser.open(link)
        print(f"JupyterLab log: {log_path}", *notes, sep="\n")
        print("The CRM Workbook is running. Open this link (Ctrl+C here stops JupyterLab):")
        print(f"    {link}", flush=True)
        server.wait()
        return server.returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    raise SystemExit(main())
