"""Browser tests: Debian's chromium driven by Playwright against the live test server.
Screenshots of every page visited land in test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

# Playwright's sync API keeps an event loop running in the test's thread; the ORM calls the tests
# make to arrange data are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, base_url=str(live_server))
    page = context.new_page()
    failed_requests: list[str] = []
    page.on("requestfailed", lambda request: failed_requests.append(request.url))
    yield page
    context.close()
    # nothing may come from the network beyond the test server itself
    assert not [url for url in failed_requests if not url.startswith(str(live_server))]


# The elements of a page's main part that reach past the window's right edge, other than in a
# box that scrolls or clips them (a wide table scrolls within its frame; that is fine)
OVERFLOWING = """() => [...document.querySelectorAll('main *')].filter(element => {
  const box = element.getBoundingClientRect();
  if (box.width === 0 || box.right <= window.innerWidth + 0.5) return false;
  for (let outer = element.parentElement; outer; outer = outer.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(outer).overflowX)) return false;
  }
  return true;
}).map(element => element.outerHTML.slice(0, 120))"""


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot at desktop width and at phone width, where nothing of the page
    may reach past the screen's edge."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    assert page.evaluate(OVERFLOWING) == [], f"{name} is wider than a phone"
    # and nothing else (a long word, a note placed against the page) makes the page pan sideways
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width} px wide on a phone"
    page.set_viewport_size(DESKTOP)


def assert_accessible(page: Page) -> None:
    """axe-core (bundled with axe-playwright-python, nothing fetched) finds no WCAG A/AA violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
