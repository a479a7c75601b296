"""The ``centric analyze`` report as its reader opens it: a file, offline, on a phone."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from centric.insights.report import render_html
from centric.insights.tests.report.samples import nps_rows
from centric.insights.tests.report.test_report import report_for

from .conftest import PHONE, SCREENSHOTS

# the default taxonomy's longest names, so the theme column is as wide as it gets
LONG_NAMES = [
    "Nobody told us, the communication about the change was unclear.",
    "The portal is down again, the reliability is poor.",
    "Our account manager's business review helped the relationship.",
]

# every element that scrolls sideways, with how far
SCROLLING = """() => [...document.querySelectorAll('*')]
  .filter(element => element.scrollWidth > element.clientWidth
          && getComputedStyle(element).overflowX !== 'visible')
  .map(element => `${element.className}: ${element.scrollWidth} > ${element.clientWidth}`)"""


def test_the_report_fits_a_phone_without_scrolling_sideways(
    browser: Browser, tmp_path: Path
) -> None:
    rows = nps_rows(1200)
    for i, row in enumerate(rows):
        if i % 4 == 0:
            row["comment"] = LONG_NAMES[i % 3]
    report, _ = report_for(rows)
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(path.as_uri())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "analyze-report-phone.png", full_page=True)

    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert page.evaluate(SCROLLING) == []
    assert page.get_by_text("communication", exact=True).first.is_visible()
    context.close()
