"""Debian's Chromium for the browser checks, driven by Playwright (never a browser that
Playwright downloads itself)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

#: Command-line flags for Chromium in containers and offline machines.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_executable() -> str | None:
    """Path of the ``chromium`` program on ``PATH``, or ``None`` when it is not installed."""
    return shutil.which("chromium")


def chromium_missing_message() -> str:
    """What to do when Chromium is missing."""
    return (
        "Debian's Chromium is not installed (no 'chromium' on PATH): install it with "
        "'apt-get install chromium' (as root; .ci/run does this) to run the browser checks"
    )


def launch_chromium(playwright: Playwright, executable: str) -> Browser:
    """Start headless Chromium from ``executable`` (never a browser downloaded by Playwright)."""
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=list(CHROMIUM_ARGS)
    )
