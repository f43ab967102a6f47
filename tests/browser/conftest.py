"""Fixtures for the end-to-end checks in headless Chromium: the browser, a page, and
JupyterLab and Voila servers (see ``chromium.py`` and ``servers.py``).

Without Debian's Chromium the browser tests are skipped with a notice saying how to
install it; under ``CI=true`` a missing Chromium is an error instead, so continuous
integration cannot pass without having run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from chromium import chromium_executable, chromium_missing_message, launch_chromium
from servers import RunningServer, running_lab, running_voila

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: Culling in the Voila tests: short, so a closed page's kernel goes within seconds,
#: yet long enough for a page to connect to its kernel after Voila has run the notebook.
VOILA_TEST_CULL_IDLE_TIMEOUT_S = 15
VOILA_TEST_CULL_INTERVAL_S = 3
#: Playwright's limit for a single action (click, key press, lookup), milliseconds.
ACTION_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium; skips (or fails under ``CI=true``) when it is missing."""
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the browser tests must run: {chromium_missing_message()}")
        pytest.skip(chromium_missing_message())
    return executable


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    """One headless Chromium for the whole run (per test worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Remember each phase's report on the test item, for :func:`page`."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(
    browser: Browser, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    """A new tab in a fresh browser context (no cookies or storage from other tests).

    When the test fails, a screenshot of the tab is saved and its path printed.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    tab = context.new_page()
    try:
        yield tab
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed and not tab.is_closed():
            shot = tmp_path_factory.mktemp("screenshots") / f"{request.node.name}.png"
            tab.screenshot(path=shot, full_page=True)
            print(f"screenshot of the failed page: {shot}")
        context.close()


@pytest.fixture(scope="session")
def lab_server(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """JupyterLab serving the repository on 127.0.0.1 (started only if Chromium exists)."""
    with running_lab(tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture(scope="module")
def voila_server(
    chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """Voila with the contact-center dashboard, culling kernels of closed pages quickly."""
    with running_voila(
        tmp_path_factory.mktemp("voila"),
        cull_idle_timeout=VOILA_TEST_CULL_IDLE_TIMEOUT_S,
        cull_interval=VOILA_TEST_CULL_INTERVAL_S,
    ) as server:
        yield server
