"""Slides printed to PDF by Debian's Chromium (``chromium --headless --print-to-pdf``).

Only the system's ``chromium`` is used, never a browser that a Python package downloads.
reveal.js lays the slides out one per page when the page is opened with ``?print-pdf``;
Chromium is given virtual time for MathJax to typeset before it prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from crmsim.errors import InputError

#: The program looked up on ``PATH``.
CHROMIUM = "chromium"
#: Flags for a headless, offline print (also as root in a container).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
#: Virtual time the page gets to load and typeset before printing (milliseconds).
VIRTUAL_TIME_BUDGET_MS = 20_000
#: Wall-clock limit for one print (seconds).
PRINT_TIMEOUT_S = 180

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def find_chromium() -> str:
    """Path of Debian's Chromium; an :class:`InputError` saying how to install it if missing."""
    found = shutil.which(CHROMIUM)
    if found is None:
        raise InputError(
            "PDF export needs Debian's Chromium, and there is no 'chromium' on PATH: install "
            "it with 'apt-get install -y chromium' (as root), or export HTML only "
            "(--format html)"
        )
    return found


def pdf_page_count(pdf: bytes) -> int:
    """Number of pages of a PDF (its ``/Type /Page`` objects; ``/Pages`` nodes not counted).

    >>> pdf_page_count(b"%PDF-1.4 << /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> "
    ...                b"<< /Type/Page /Parent 2 0 R >>")
    2
    """
    if not pdf.startswith(b"%PDF-"):
        raise InputError("the file is not a PDF (it does not start with '%PDF-')")
    return len(_PAGE_OBJECT.findall(pdf))


def print_slides_to_pdf(html_file: Path, pdf_file: Path, chromium: str | None = None) -> int:
    """Print the reveal.js slides ``html_file`` to ``pdf_file``; returns the page count.

    Parameters
    ----------
    html_file
        Exported slides (with their ``assets/`` folder beside them).
    pdf_file
        The PDF to write (replaced if it exists).
    chromium
        The Chromium program; default: :func:`find_chromium`.
    """
    program = chromium or find_chromium()
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    pdf_file.unlink(missing_ok=True)
    url = html_file.resolve().as_uri() + "?print-pdf"
    # A profile of its own: a second Chromium on the same profile would hand the page to
    # the first one and return before anything is printed.
    with tempfile.TemporaryDirectory(prefix="crmsim-chromium-") as profile:
        command = [
            program,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}",
            f"--print-to-pdf={pdf_file.resolve()}",
            url,
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            done = None
    if done is None:
        raise InputError(
            f"Chromium did not finish printing {html_file.name} within {PRINT_TIMEOUT_S} s"
        )
    if done.returncode != 0 or not pdf_file.is_file():
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise InputError(
            f"Chromium could not print {html_file.name} to PDF "
            f"(exit status {done.returncode}): {last}"
        )
    return pdf_page_count(pdf_file.read_bytes())


__all__ = ["find_chromium", "pdf_page_count", "print_slides_to_pdf"]
