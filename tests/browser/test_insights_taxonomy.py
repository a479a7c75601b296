"""The taxonomy journey on the demo organisation: a theme added, every past comment read again
(the progress polled by htmx), the new theme on the Insights page, and discovery's proposals."""

from __future__ import annotations

import re

from django.core.management import call_command
from playwright.sync_api import Page, expect

from centric.core.models import Organisation
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD, DEMO_SLUG
from centric.insights.models import Reanalysis
from centric.insights.services.calibration import scored_counts
from centric.insights.text.language import READ_NAMES
from centric.insights.text.teaching import learnable
from tests.browser.conftest import assert_accessible, shoot, sign_in


def test_a_new_theme_is_read_into_the_history_and_shown(page: Page, transactional_db: None) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/insights/")
    page.get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", name="Themes", exact=True)).to_be_visible()
    expect(page.get_by_role("rowheader", name="billing")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Comments found in")).to_be_visible()
    # nothing has been read again yet, so nothing is said of it
    expect(page.locator("#reanalysis")).to_have_count(0)
    shoot(page, "insights-themes")
    assert_accessible(page)
    # a theme's seed words past the first few unfold on asking
    billing = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="billing"))
    billing.locator("summary", has_text=re.compile(r"^\+\d+ more")).click()
    expect(billing.get_by_text("direct debit")).to_be_visible()

    # the seed words are a box as tall as they are, none of them cut off
    page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="delivery")).get_by_role(
        "link", name="Edit the theme delivery"
    ).click()
    seed_words = page.get_by_label("Seed words")
    assert seed_words.evaluate("box => box.scrollHeight <= box.clientHeight + 1")
    page.goto("/insights/themes/")

    page.get_by_role("link", name="New theme").click()
    page.get_by_label("Name").fill("packaging")
    page.get_by_label("Description").fill("How well things are packed for the journey.")
    page.get_by_label("Seed words").fill("packaging, packed, box")
    page.get_by_label("Parent").select_option(label="delivery")
    shoot(page, "insights-theme-form")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Theme “packaging” saved.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="packaging")).to_be_visible()
    expect(page.locator("#reanalysis")).to_contain_text("Theme “packaging” added")
    shoot(page, "insights-themes-after-change")

    # A long re-analysis as the workers report it: the page polls until it is done.
    organisation = Organisation.objects.get()
    job = Reanalysis.objects.create(
        organisation=organisation,
        reason="Theme “packaging” changed",
        version="v",
        status=Reanalysis.Status.RUNNING,
        total=12_000,
        done=4_500,
        chunks=12,
    )
    page.goto("/insights/reanalysis/")
    expect(page.get_by_role("progressbar", name="Re-analysis")).to_have_attribute(
        "aria-valuenow", "37"
    )
    shoot(page, "insights-reanalysis-running")
    assert_accessible(page)
    Reanalysis.objects.filter(pk=job.pk).update(
        status=Reanalysis.Status.DONE, done=12_000, chunks_done=12
    )
    expect(page.locator("#reanalysis")).to_contain_text("Done", timeout=10_000)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    shoot(page, "insights-reanalysis-done")

    page.get_by_role("link", name="See the insights").click()
    page.get_by_label("Period").select_option("365")
    expect(page.get_by_role("heading", name="Scores, last 365 days")).to_be_visible()
    expect(page.get_by_role("link", name="packaging", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="What goes with CSAT")).to_be_visible()
    shoot(page, "insights-overview-with-new-theme")
    assert_accessible(page)

    page.goto("/insights/themes/proposals/")
    page.get_by_role("button", name="Look for new themes").click()
    expect(page.get_by_text("Looking for new themes")).to_be_visible()
    first = page.locator("section.card h2").first
    expect(first).to_be_visible()
    shoot(page, "insights-theme-proposals")
    assert_accessible(page)
    name = first.inner_text().split(" ")[0]
    page.get_by_role("button", name=re.compile(r"^Accept as a theme: ")).first.click()
    expect(page.get_by_text("is a theme now")).to_be_visible()
    page.goto("/insights/themes/")
    expect(page.get_by_role("rowheader", name=name).first).to_be_visible()


def test_sentiment_is_learnt_from_the_demo_scores_and_can_be_undone(
    page: Page, transactional_db: None
) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/insights/themes/")
    page.get_by_role("link", name="Sentiment learnt from scores").click()
    expect(page.get_by_role("heading", name="Sentiment learnt from your scores")).to_be_visible()
    expect(page.locator("#sentiment")).to_contain_text("Not in use")
    shoot(page, "insights-sentiment-off")
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^Learn from [\d,]+ scored comments$")).click()
    expect(page.get_by_text("Learning from your scored comments.")).to_be_visible()
    expect(page.locator("#sentiment")).to_contain_text("In use", timeout=20_000)
    # the demo's customers write several languages with scores enough to learn each
    demo = Organisation.objects.get(slug=DEMO_SLUG)
    languages = learnable(scored_counts(organisation_id=demo.pk))
    assert len(languages) >= 2, languages
    for language in languages:
        expect(page.get_by_role("rowheader", name=READ_NAMES[language])).to_be_visible()
    expect(page.get_by_role("columnheader", name="Built-in")).to_be_visible()
    expect(page.get_by_role("cell", name="What it learnt").first).to_be_visible()
    shoot(page, "insights-sentiment-in-use")
    assert_accessible(page)

    page.get_by_role("button", name="Go back to the built-in sentiment").click()
    expect(page.get_by_text("Comments are read with the built-in sentiment again.")).to_be_visible()
    expect(page.locator("#sentiment")).to_contain_text("Not in use")
