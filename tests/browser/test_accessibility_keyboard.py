"""The pages as a keyboard and a screen reader meet them: what htmx swaps in leaves the focus
where the person was (or takes it where they go next), a change of results is said in a word
rather than the whole table read out, a form sent back with mistakes says so first, the chosen
score shows with forced colours and with larger text, and nothing pans sideways on a small phone."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, Request, ViewportSize, expect

from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.core.roles import Role
from centric.customers.models import Account, Customer
from centric.feedback import services
from centric.feedback.models import Survey
from centric.feedback.wording import UI
from centric.people.models import User
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, shoot, sign_in
from tests.factories import (
    PASSWORD,
    AccountFactory,
    ContactFactory,
    OrganisationFactory,
    SegmentFactory,
    TeamFactory,
    UserFactory,
)

SMALL_PHONE = ViewportSize(width=320, height=640)
COMPLAINTS = (
    "The invoice was wrong again and nobody called me back.",
    "Billed twice for the same delivery, and support never answered.",
    "The invoice never matches the quote and the delivery was late.",
)


def northwind() -> User:
    """Olivia, a CX lead, with three detractors' cases at two accounts in two segments."""
    org = OrganisationFactory.create(name="Northwind")
    olivia = UserFactory.create(
        organisation=org,
        email="olivia@northwind.example",
        first_name="Olivia",
        last_name="Owen",
        role=Role.CX_LEAD,
    )
    tom = UserFactory.create(organisation=org, first_name="Tom", last_name="Tran")
    team = TeamFactory.create(
        organisation=org, name="Customer Success", lead=olivia, members=[olivia, tom]
    )
    detractor_rule(org.pk)
    for name, segment in (("Acme", "Enterprise"), ("Globex", "Small business")):
        account = AccountFactory.create(
            organisation=org,
            name=name,
            owner=olivia,
            team=team,
            segment=SegmentFactory.create(organisation=org, name=segment),
        )
        contact = ContactFactory.create(account=account, first_name="Carla", language="de")
        customer = Customer.objects.get(account=account)
        for comment in COMPLAINTS[: 2 if name == "Acme" else 1]:
            response = feedback(customer=customer, contact=contact, score=2, comment=comment)
            responses_route(response_ids=[response.pk])
    return olivia


def htmx_requests(page: Page) -> list[str]:
    """The requests htmx makes from now on (it says so in a header)."""
    made: list[str] = []

    def note(request: Request) -> None:
        if request.headers.get("hx-request"):
            made.append(request.url)

    page.on("request", note)
    return made


def test_choosing_who_takes_the_ticked_cases_keeps_the_ticks_and_the_focus(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/cases/?inbox=all")
    ticks = page.locator('#results input[name="cases"]')
    expect(ticks).to_have_count(3)
    ticks.nth(0).check()
    ticks.nth(1).check()
    made = htmx_requests(page)
    owner = page.get_by_label("Hand the selected cases to")
    owner.focus()
    owner.select_option(label="Tom Tran")
    # longer than the search box's delay: the filters would have asked for new results by now
    page.wait_for_timeout(800)
    assert made == []
    expect(ticks.nth(0)).to_be_checked()
    expect(ticks.nth(1)).to_be_checked()
    expect(owner).to_be_focused()
    expect(owner).to_have_value(str(User.objects.get(first_name="Tom").pk))

    # the cases are handed over, and what happened is where the focus is as the page opens
    page.get_by_role("button", name="Reassign").click()
    message = page.get_by_role("status").filter(has_text="handed to")
    expect(message).to_contain_text("Tom Tran")
    expect(message).to_be_focused()
    assert Case.objects.filter(owner__first_name="Tom").count() == 2


def test_a_filter_says_how_many_cases_match_rather_than_read_the_table_out(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/cases/?inbox=all")
    status = page.get_by_role("status")
    expect(status).to_have_text("Cases found: 3")
    assert page.locator("[aria-live]").count() == 0
    with page.expect_response(re.compile(r"/cases/\?.*q=Globex")):
        page.get_by_label("Search").fill("Globex")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(status).to_have_text("Cases found: 1")
    # the live region is the one there from the page's load, its count alone swapped
    expect(page.get_by_role("status")).to_have_count(1)


def test_the_segment_filter_keeps_the_focus_when_htmx_swaps_it(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    for path in ("/insights/", "/insights/comments/"):
        page.goto(path)
        if path == "/insights/comments/":
            page.get_by_text("Filters:").click()  # the filter panel is folded
        segment = page.locator("#segment-filter-select")
        segment.focus()
        before = segment.element_handle()
        with page.expect_response(re.compile(r"/insights/.*segment=")):
            segment.select_option(label="Enterprise")
        # the select was swapped for a new one (out of band), and the focus went with it
        page.wait_for_function("select => !select.isConnected", arg=before)
        expect(segment).to_be_focused()
        expect(segment).to_have_value(str(Account.objects.get(name="Acme").segment_id))


def test_adding_a_condition_takes_the_focus_to_the_new_row(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/cases/rules/new/")
    page.get_by_label("Must-hold condition 1: field").select_option("score")
    with page.expect_response(re.compile(r"/cases/rules/new/$")):
        page.locator("#conditions-all").get_by_role("button", name="Add a condition").click()
    expect(page.get_by_label("Must-hold condition 2: field")).to_be_focused()
    with page.expect_response(re.compile(r"/cases/rules/new/$")):
        page.locator("#conditions-any").get_by_role("button", name="Add a condition").click()
    expect(page.get_by_label("Any-of condition 2: field")).to_be_focused()


def test_a_form_sent_back_with_mistakes_says_so_where_the_page_opens(
    page: Page, transactional_db: None
) -> None:
    northwind()
    page.goto("/login/")
    page.get_by_label("Email address").fill("olivia@northwind.example")
    page.get_by_label("Password").fill("not her password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Sign in · Centric")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("You are not signed in")
    expect(summary).to_contain_text("correct email address and password")
    assert_accessible(page)

    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/accounts/new/")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Name: This field is required.").click()
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    shoot(page, "form-mistakes")
    assert_accessible(page)


def test_a_respondent_sent_back_hears_what_to_check_first(
    page: Page, transactional_db: None
) -> None:
    olivia = northwind()
    survey = services.survey_create_from_template(
        actor=olivia, template="relationship-nps", values={"name": "Northwind 2026"}
    )
    services.survey_set_status(actor=olivia, survey=survey, status="open")
    Survey.objects.filter(pk=survey.pk).update(open_link=True)
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{survey.public_key}/?lang=de")
    page.get_by_role("button", name=UI["de"]["next"]).click()
    expect(page).to_have_title(re.compile("^" + re.escape(UI["de"]["errors"])))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    # the link leads to the question, whose legend and error are read as it takes the focus
    summary.get_by_role("link").first.click()
    expect(page.locator("fieldset.question").first).to_be_focused()
    assert_accessible(page)


def test_the_chosen_score_shows_with_forced_colours_and_with_larger_text(
    page: Page, transactional_db: None
) -> None:
    olivia = northwind()
    survey = services.survey_create_from_template(
        actor=olivia, template="relationship-nps", values={"name": "Northwind 2026"}
    )
    services.survey_set_status(actor=olivia, survey=survey, status="open")
    Survey.objects.filter(pk=survey.pk).update(open_link=True)
    page.set_viewport_size(PHONE)
    page.goto(f"/s/{survey.public_key}/")
    page.get_by_role("radio", name="7", exact=True).check()
    look = """point => {
      const style = getComputedStyle(point.querySelector('input + span'));
      return [style.backgroundColor, style.color, style.textDecorationLine].join(' ');
    }"""
    chosen, other = page.locator(".scale-point").nth(7), page.locator(".scale-point").nth(3)
    # without colour: the chosen number is underlined, the others not
    assert "underline" in chosen.evaluate(look)
    assert "underline" not in other.evaluate(look)
    page.emulate_media(forced_colors="active")
    assert chosen.evaluate(look) != other.evaluate(look)
    page.screenshot(path="test-artifacts/screenshots/respond-forced-colours-phone.png")
    page.emulate_media(forced_colors="none")

    # the eleven points share one row on a phone; with the text twice as large they wrap onto
    # a second, and no number breaks in two ("1" over "0")
    tops = (
        "points => new Set(points.map(point => Math.round(point.getBoundingClientRect().top))).size"
    )
    lines = """points => points.map(point => {
      const range = document.createRange();
      range.selectNodeContents(point.querySelector('input + span').firstChild);
      return new Set([...range.getClientRects()].map(box => Math.round(box.top))).size;
    })"""
    points = page.locator(".question").first.locator(".scale-point")
    assert points.evaluate_all(tops) == 1
    page.set_viewport_size(SMALL_PHONE)
    assert points.evaluate_all(tops) <= 2
    assert set(points.evaluate_all(lines)) == {1}
    page.set_viewport_size(PHONE)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.screenshot(path="test-artifacts/screenshots/respond-large-text-phone.png", full_page=True)
    assert points.evaluate_all(tops) == 2
    assert set(points.evaluate_all(lines)) == {1}
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="test-artifacts/screenshots/respond-large-text-phone.png", full_page=True)


def test_a_table_that_scrolls_on_a_phone_is_a_named_region_the_keyboard_reaches(
    page: Page, transactional_db: None
) -> None:
    org = OrganisationFactory.create(name="Northwind")
    UserFactory.create(organisation=org, email="tom@northwind.example")
    sign_in(page, "tom@northwind.example", PASSWORD)
    page.goto("/cases/?inbox=mine")
    frame = page.locator("#results .table-wrap")
    expect(frame).not_to_have_attribute("tabindex", "0")  # it fits a laptop: no extra Tab stop
    page.set_viewport_size(PHONE)
    expect(frame).to_have_attribute("tabindex", "0")
    expect(frame).to_have_attribute("role", "region")
    expect(frame).to_have_attribute("aria-label", "Cases")
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    expect(frame).not_to_have_attribute("tabindex", "0")


def test_an_account_and_an_overdue_case_fit_a_small_phone(
    page: Page, transactional_db: None
) -> None:
    northwind()
    case = Case.objects.filter(customer__account__name="Acme").first()
    assert case is not None
    Case.objects.filter(pk=case.pk).update(
        first_contact_due=clock.now() - dt.timedelta(days=3),
        resolution_due=clock.now() - dt.timedelta(days=1),
    )
    sign_in(page, "olivia@northwind.example", PASSWORD)
    acme = Account.objects.get(name="Acme")
    for path in (f"/accounts/{acme.pk}/", f"/cases/{case.pk}/"):
        page.goto(path)
        for viewport in (PHONE, SMALL_PHONE):
            page.set_viewport_size(viewport)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], (path, viewport, width)
        page.set_viewport_size(DESKTOP)
    page.goto(f"/cases/{case.pk}/")
    expect(page.locator("dl.facts .sla.overdue").first).to_be_visible()
    shoot(page, "case-overdue")


def test_the_measures_say_their_count_as_their_period_changes(
    page: Page, transactional_db: None
) -> None:
    northwind()
    first = Case.objects.order_by("pk").first()
    assert first is not None
    Case.objects.filter(pk=first.pk).update(opened_at=clock.now() - dt.timedelta(days=60))
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/cases/measures/?days=90")
    status = page.get_by_role("status")
    expect(status).to_have_text("Cases opened in the chosen period: 3")
    with page.expect_response(re.compile(r"/cases/measures/\?days=30")):
        page.locator("select[name=days]").select_option("30")
    expect(status).to_have_text("Cases opened in the chosen period: 2")
    page.goto("/cases/root-causes/?days=90")
    expect(page.get_by_role("status")).to_have_text("Root causes recorded in the chosen period: 0")
