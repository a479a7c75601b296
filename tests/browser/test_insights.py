"""The Insights pages on the demo organisation: scores, themes, drivers and the comment explorer."""

from __future__ import annotations

import datetime as dt
import re

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from centric.core.periods import Window
from centric.customers.models import Account
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD
from centric.feedback.models import Response
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, shoot, sign_in


def test_the_insights_pages_show_the_demo_feedback(page: Page, transactional_db: None) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").first.get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="Insights", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Themes")).to_be_visible()
    expect(page.locator("#results table.stacks tbody tr").first).to_be_visible()
    spikes = page.get_by_role("region", name="Spikes")
    expect(spikes.get_by_role("listitem").filter(has_text="billing").first).to_be_visible()
    shoot(page, "insights-overview")
    assert_accessible(page)
    # the charts' text is as large on a phone as on a laptop, and the key drivers stay drawn
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        sizes = page.locator("#results svg text").evaluate_all(
            "texts => texts.filter(t => t.getClientRects().length)"
            ".map(t => t.getBoundingClientRect().height)"
        )
        assert sizes
        assert min(sizes) >= 12, sizes
        dot = page.locator("table.forest tbody svg circle").first.bounding_box()
        assert dot is not None
        assert dot["width"] >= 12, dot
    page.set_viewport_size(DESKTOP)

    # printed (or saved as PDF), the page is its content: no navigation, filters' buttons or links
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main").first).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(
        page.get_by_text(re.compile(r"Northwind Components · printed \d+ \w+ \d{4}"))
    ).to_be_visible()
    shoot(page, "insights-overview-print")
    page.emulate_media(media="screen")

    with page.expect_response(re.compile(r"/insights/\?days=365")):
        page.get_by_label("Period").select_option("365")
    expect(page.get_by_role("heading", name="Scores, last 365 days")).to_be_visible()

    # a quarter of chosen dates, against the as many days before it
    expect(page.get_by_label("From", exact=True)).to_be_hidden()
    page.get_by_label("Period").select_option("dates")
    first, last = (
        timezone.localdate() - dt.timedelta(days=120),
        timezone.localdate() - dt.timedelta(days=30),
    )
    page.get_by_label("From", exact=True).fill(first.isoformat())
    with page.expect_response(re.compile(rf"/insights/\?days=dates&from={first}&to={last}")):
        page.get_by_label("To", exact=True).fill(last.isoformat())
    label = Window.between(first, last).label
    expect(page.get_by_role("heading", name=f"Scores, {label}")).to_be_visible()
    expect(page.get_by_text("The 91 days before").first).to_be_visible()
    shoot(page, "insights-overview-dates")
    assert_accessible(page)

    # one survey's scores alone: the after-delivery survey asks CSAT, and nothing of NPS is shown
    with page.expect_response(re.compile(r"/insights/\?.*survey=")):
        page.get_by_label("Survey").select_option(label="After delivery")
    expect(page.get_by_role("heading", name="CSAT by segment")).to_be_visible()
    expect(page.get_by_role("heading", name="NPS by segment")).to_have_count(0)
    expect(page.get_by_role("heading", name="What goes with NPS")).to_have_count(0)
    expect(page.locator('td[data-label="NPS impact"]')).to_have_count(0)
    expect(page.get_by_role("columnheader", name="CSAT impact (95% CI)")).to_be_visible()
    shoot(page, "insights-overview-one-survey")
    assert_accessible(page)
    with page.expect_response(re.compile(r"/insights/\?.*survey=(&|$)")):
        page.get_by_label("Survey").select_option(label="All feedback")
    expect(page.get_by_role("heading", name="NPS by segment")).to_be_visible()

    page.get_by_role("link", name="Explore comments").click()
    expect(page.get_by_role("heading", name="Comments")).to_be_visible()
    expect(page.locator(".comments li").first).to_be_visible()
    shoot(page, "insights-comments")
    assert_accessible(page)
    # on a phone the filters are folded under what is set, and the comments start near the top
    page.set_viewport_size(PHONE)
    first_comment = page.locator(".comments li").first.bounding_box()
    assert first_comment is not None
    assert first_comment["y"] < 700, first_comment
    page.set_viewport_size(DESKTOP)

    page.locator("summary", has_text="Filters:").click()
    with page.expect_response(re.compile(r"/insights/comments/\?.*flag=churn")):
        page.get_by_label("Flag").select_option("churn")
    expect(page.locator(".comments li .badge", has_text="Churn risk").first).to_be_visible()
    expect(page.locator("#filters-in-words")).to_have_text(re.compile(r"· Churn risk$"))
    shoot(page, "insights-comments-churn")

    # Back and Forward show the filters the list was filtered by
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"flag=churn"))
    expect(page.get_by_label("Flag")).to_have_value("")
    page.go_forward()
    expect(page).to_have_url(re.compile(r"flag=churn"))
    expect(page.get_by_label("Flag")).to_have_value("churn")
    expect(page.locator(".comments li .badge", has_text="Churn risk").first).to_be_visible()

    # a spike opens the comments of its own week, and every mark says what it is
    page.get_by_role("link", name="Insights overview").click()
    spikes = page.get_by_role("region", name="Spikes")
    spikes.get_by_role("listitem").filter(has_text="billing").get_by_role(
        "link", name="billing", exact=True
    ).first.click()
    # the folded filters say the week
    expect(page.locator("#filters-in-words")).to_have_text(
        re.compile(r"^Week of \d+ \w+ \d{4} · billing")
    )
    expect(page).to_have_url(re.compile(r"week=\d{4}-\d{2}-\d{2}"))
    expect(page.locator(".comments .mark-kind").first).to_be_visible()
    shoot(page, "insights-comments-spike-week")
    assert_accessible(page)


def test_an_accounts_voice_leads_to_a_comment_that_is_given_an_owner_by_hand(
    page: Page, transactional_db: None
) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    account = (
        Account.objects.filter(
            customer__responses__comment__gt="",
            customer__responses__responded_at__gte=timezone.now() - dt.timedelta(days=300),
        )
        .distinct()
        .order_by("name")
        .first()
    )
    assert account is not None
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/accounts/{account.pk}/")
    voice = page.get_by_role("region", name="What they told us, last 12 months")
    expect(voice).to_be_visible()
    expect(voice.get_by_role("heading", name="Latest comments")).to_be_visible()
    shoot(page, "account-voice")
    assert_accessible(page)

    # a comment no rule took is given an owner from its page
    response = (
        Response.objects.filter(customer__account=account, cases__isnull=True)
        .exclude(comment="")
        .order_by("-responded_at")
        .first()
    )
    assert response is not None
    page.goto(f"/responses/{response.pk}/")
    opening = page.get_by_role("region", name="Open a case")
    expect(opening).to_be_visible()
    assert_accessible(page)
    opening.get_by_label("Priority").select_option("high")
    opening.get_by_label("Note").fill("Call them today.")
    opening.get_by_role("button", name="Open the case").click()
    expect(page.get_by_text("Case opened and handed to")).to_be_visible()
    expect(page.get_by_text("Call them today.").first).to_be_visible()
    shoot(page, "case-opened-by-hand")
