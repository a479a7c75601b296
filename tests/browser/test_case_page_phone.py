"""The case page and the case measures on a phone: nothing pans sideways, every contact's
channel and language are on the screen, and an action that fails says so where the page opens,
with a link to the card to put it right."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, ViewportSize, expect

from centric.cases.models import Case, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.core.roles import Role
from centric.customers.models import Customer
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, shoot, sign_in
from tests.factories import (
    PASSWORD,
    AccountFactory,
    ContactFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

# a small Android phone: narrower than the 340 px a column of a two-column grid asks for
SMALL_PHONE = ViewportSize(width=360, height=740)


def a_resolved_case(*, owner_email: str) -> Case:
    """A detractor's case at Acme, resolved and waiting for its closing message, with three
    contacts whose long job titles once pushed their channel and language off a phone."""
    org = OrganisationFactory.create(name="Northwind")
    owner = UserFactory.create(
        organisation=org, email=owner_email, first_name="Olivia", last_name="Owen"
    )
    UserFactory.create(organisation=org, email="cx@northwind.example", role=Role.CX_LEAD)
    team = TeamFactory.create(
        organisation=org, name="Customer Success", lead=owner, members=[owner]
    )
    account = AccountFactory.create(organisation=org, name="Acme", owner=owner, team=team)
    carla = ContactFactory.create(
        account=account,
        first_name="Carla",
        last_name="Mendes",
        email="carla@acme.example",
        job_title="Head of Procurement and Supplier Relationships",
        influence="decision_maker",
        preferred_channel="phone",
        language="pt",
    )
    ContactFactory.create(
        account=account,
        first_name="Bartholomew",
        last_name="Wojciechowski-Lindqvist",
        job_title="Regional Director, Logistics Operations",
        influence="influencer",
        preferred_channel="video",
        language="pl",
    )
    acme = Customer.objects.get(account=account)
    feedback(
        customer=acme,
        contact=carla,
        score=4,
        score_type="ces",
        comment="Setting up the export took far too many steps.",
        responded_at=clock.now() - dt.timedelta(days=40),
    )
    detractor_rule(org.pk)
    response = feedback(
        customer=acme,
        contact=carla,
        score=2,
        comment="Billed twice again: https://billing.acme.example/invoices/2026/11/"
        "duplicate-charge-for-the-same-shipment-ref-00042 and nobody called me back.",
    )
    responses_route(response_ids=[response.pk])
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(
        state=Case.State.RESOLVED,
        root_cause=RootCause.objects.get(organisation=org, name="Billing error"),
        resolution="Refunded the second charge.",
    )
    return case


def page_width(page: Page, viewport: ViewportSize) -> int:
    """How wide the page is at ``viewport``: wider than the screen, and it pans sideways."""
    page.set_viewport_size(viewport)
    width: int = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(DESKTOP)
    return width


def test_the_case_page_fits_a_phone_with_each_contacts_channel_and_language_on_screen(
    page: Page, transactional_db: None
) -> None:
    case = a_resolved_case(owner_email="olivia@northwind.example")
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    shoot(page, "case-page-contacts")
    assert page_width(page, PHONE) <= PHONE["width"]
    assert page_width(page, SMALL_PHONE) <= SMALL_PHONE["width"]

    page.set_viewport_size(PHONE)
    contacts = page.locator("section[aria-labelledby=contacts-h]")
    for name, channel, language in (
        ("Carla Mendes", "Phone", "Portuguese"),
        ("Bartholomew Wojciechowski-Lindqvist", "Video call", "Polish"),
    ):
        row = contacts.get_by_role("row").filter(has_text=name)
        for fact in (channel, language):
            cell = row.locator("td").filter(has_text=fact)
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box is not None
            assert box["x"] >= 0, (name, fact)
            assert box["x"] + box["width"] <= PHONE["width"], (name, fact)
    # every earlier score says which scale it was given on
    history = page.locator("section[aria-labelledby=history-h]")
    expect(history).to_contain_text("CES (1–7): 4")
    expect(history).to_contain_text("NPS (0–10): 2")
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)


def test_a_failed_closing_message_is_said_where_the_page_opens(
    page: Page, transactional_db: None
) -> None:
    case = a_resolved_case(owner_email="olivia@northwind.example")
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Subject").fill("")
    page.get_by_label("Message", exact=True).fill("Dear Carla, in my own words: we refunded you.")
    page.get_by_role("button", name="Send and close").click()

    page.wait_for_url(f"**/cases/{case.pk}/close/")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("The message was not sent and the case was not closed")
    expect(page).to_have_title(f"Error: Case #{case.pk} · Centric")
    summary.get_by_role("link", name="Subject: This field is required.").click()
    expect(page.get_by_role("heading", name="Close the loop with the customer")).to_be_in_viewport()
    expect(page.get_by_label("Message", exact=True)).to_have_value(
        "Dear Carla, in my own words: we refunded you."
    )
    page.evaluate("window.scrollTo(0, 0)")
    page.set_viewport_size(DESKTOP)
    shoot(page, "case-close-mistake")
    assert_accessible(page)
    case.refresh_from_db()
    assert case.state == Case.State.RESOLVED


def test_the_case_measures_by_owner_fit_a_phone(page: Page, transactional_db: None) -> None:
    a_resolved_case(owner_email="olivia@northwind.example")
    sign_in(page, "cx@northwind.example", PASSWORD)
    page.goto("/cases/measures/?group=owner")
    expect(page.get_by_role("heading", name="By owner")).to_be_visible()
    shoot(page, "case-measures-by-owner")
    assert page_width(page, PHONE) <= PHONE["width"]
    assert page_width(page, SMALL_PHONE) <= SMALL_PHONE["width"]
    assert_accessible(page)
