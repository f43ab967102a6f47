"""What a user does in the browser: open a notebook in JupyterLab, run cells from the
menu, and find, move and read ipywidgets controls and the contact-center KPIs.

Selectors are scoped to the visible notebook (``.jp-NotebookPanel:not(.lm-mod-hidden)``)
or to one cell, so nothing else on the page (other tabs, the file browser) can match.
Every wait has a time limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page as PageType
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from servers import RunningServer

VISIBLE_NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: Time limits (milliseconds): opening a notebook, and a kernel working through cells.
OPEN_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000
#: One simulated day plus its plots; generous, because tests share two cores.
UPDATE_TIMEOUT_MS = 30_000


def open_notebook(page: Page, server: RunningServer, notebook: str) -> Locator:
    """Open ``notebook`` (path relative to the repository) in a fresh JupyterLab workspace.

    Returns the visible notebook panel once its first cell is on the page.
    """
    page.goto(server.lab_notebook_url(notebook), timeout=OPEN_TIMEOUT_MS)
    panel = page.locator(VISIBLE_NOTEBOOK)
    panel.locator(".jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT_MS)
    # Cells run before the kernel is connected would be lost: wait until the page shows
    # an idle kernel and the server agrees that one kernel is connected and stays.
    # (Completion of cells is judged by their outputs, never by the kernel status.)
    panel.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(
        timeout=OPEN_TIMEOUT_MS
    )
    server.wait_for_settled_kernel(notebook, timeout_s=OPEN_TIMEOUT_MS / 1000)
    return panel


def run_menu(page: Page, item: str) -> None:
    """Choose ``item`` (its exact label, e.g. ``"Run All Cells"``) in JupyterLab's Run menu."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def code_cell(panel: Locator, source_snippet: str) -> Locator:
    """The first code cell whose source contains ``source_snippet``."""
    return panel.locator(".jp-CodeCell", has_text=source_snippet).first


def select_cell(cell: Locator) -> None:
    """Select ``cell`` in command mode by clicking its prompt."""
    cell.locator(".jp-InputPrompt").click()


def next_cell(cell: Locator) -> Locator:
    """The cell right after ``cell``."""
    return cell.locator(
        "xpath=following-sibling::div[contains(concat(' ', @class, ' '), ' jp-Cell ')][1]"
    )


def slider(scope: Locator | Page, description: str) -> Locator:
    """The ipywidgets slider labelled exactly ``description`` inside ``scope``."""
    page = scope if isinstance(scope, PageType) else scope.page
    label = page.locator(".widget-label", has_text=re.compile(f"^{re.escape(description)}$"))
    return scope.locator(".widget-slider").filter(has=label)


def slider_value(control: Locator) -> str:
    """The number the slider shows beside its track."""
    return control.locator(".widget-readout").inner_text().strip()


def press_on_slider(control: Locator, key: str = "ArrowRight") -> None:
    """Move the slider one step with the keyboard (focus its handle, press ``key``)."""
    handle = control.locator(".noUi-handle")
    handle.focus()
    handle.press(key)


def button(scope: Locator, description: str) -> Locator:
    """The push button (not a toggle button) labelled exactly ``description``."""
    return scope.locator("button.widget-button", has_text=re.compile(f"^{re.escape(description)}$"))


def kpi(scope: Locator | Page, key: str) -> Locator:
    """The span that shows the KPI ``key`` (e.g. ``"service_level"``) in the control panel."""
    return scope.locator(f'span.crm-kpi[data-kpi="{key}"]')


def wait_for_output(target: Locator, cell: Locator, timeout_ms: int, what: str) -> None:
    """Wait until ``target`` shows inside ``cell``; on time-out, say what the cell shows."""
    try:
        target.wait_for(timeout=timeout_ms)
    except PlaywrightError:
        shown = cell.inner_text(timeout=5_000)[-2_000:] if cell.count() else "(no such cell)"
        raise AssertionError(
            f"{what} did not appear within {timeout_ms / 1000:.0f} s; the cell shows:\n{shown}"
        ) from None


def wait_for_text_change(target: Locator, old: str, timeout_ms: int) -> str:
    """Wait until ``target``'s text differs from ``old``; return the new text.

    The locator is resolved anew on every check, so it does not matter that HTML
    widgets replace their content on each update.
    """
    expect(target).not_to_have_text(old, timeout=timeout_ms)
    return target.inner_text().strip()


def lab_log(page: Page) -> str:
    """The text of JupyterLab's log console (errors raised by widget callbacks land here)."""
    status = page.locator(".jp-LogConsoleStatusItem")
    if status.count() == 0:
        return "(no log console)"
    status.first.click()
    console = page.locator(".jp-LogConsole")
    console.first.wait_for(timeout=10_000)
    return console.first.inner_text(timeout=10_000)[-3_000:]


@contextmanager
def explained_by_lab_log(page: Page, what: str) -> Iterator[None]:
    """Re-raise a failed wait inside the block with ``what`` and JupyterLab's log attached."""
    try:
        yield
    except (AssertionError, PlaywrightError) as error:
        raise AssertionError(f"{what}; JupyterLab's log console shows:\n{lab_log(page)}") from error
