"""The closed loop in a real browser, from a detractor's answer to a counted recovery: the rule
opens the case, the owner sees the customer in full, records contact and root cause, sends the
closing message (received by a real SMTP server on loopback), the re-survey comes back higher,
and the measures page counts the recovery."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from centric.cases.models import Case, ClosingTemplate, Rule
from centric.core.roles import Role
from centric.customers.models import Contact
from centric.feedback import services
from centric.feedback.models import Survey
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, shoot, sign_in
from tests.factories import (
    PASSWORD,
    AccountFactory,
    ContactFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)
from tests.smtp import LocalSmtpServer


def answer_nps(page: Page, link: str, score: int, comment: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(link)
    page.get_by_role("radio", name=str(score), exact=True).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("textbox").fill(comment)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    page.set_viewport_size(DESKTOP)


def test_from_a_detractor_to_a_closed_loop_and_a_recovery(
    page: Page, transactional_db: None, settings: Any
) -> None:
    org = OrganisationFactory.create(name="Northwind")
    cx_lead = UserFactory.create(organisation=org, email="cx@northwind.example", role=Role.CX_LEAD)
    owner = UserFactory.create(
        organisation=org, email="olivia@northwind.example", first_name="Olivia", last_name="Owen"
    )
    team = TeamFactory.create(
        organisation=org, name="Customer Success", lead=owner, members=[owner]
    )
    account = AccountFactory.create(organisation=org, name="Acme", owner=owner, team=team)
    contact: Contact = ContactFactory.create(
        account=account,
        first_name="Carla",
        email="carla@acme.example",
        language="en",
        time_zone="Europe/Lisbon",
    )
    survey = services.survey_create_from_template(
        actor=cx_lead, template="relationship-nps", values={"name": "Acme 2026"}
    )
    services.survey_set_status(actor=cx_lead, survey=survey, status=Survey.Status.OPEN)
    ClosingTemplate.objects.filter(organisation=org).update(resurvey=survey)
    Rule.objects.create(
        organisation=org,
        name="Detractors",
        conditions_all=[{"field": "score", "op": "lte", "value": 6}],
    )
    (invitation,), _ = services.invitations_create(actor=cx_lead, survey=survey, contacts=[contact])

    with LocalSmtpServer() as smtp:
        for name, value in smtp.settings().items():
            setattr(settings, name, value)
        # the detractor answers; the pipeline analyses it and the rule opens a case
        answer_nps(
            page, f"/r/{invitation.token}/", 3, "Billing charged me twice and nobody called back."
        )
        case = Case.objects.get()
        assert case.owner == owner

        sign_in(page, owner.email, PASSWORD)
        page.goto("/cases/")
        expect(page.get_by_role("link", name=re.compile(f"#{case.pk} "))).to_be_visible()
        shoot(page, "cases-inbox")
        assert_accessible(page)
        page.get_by_role("link", name=re.compile(f"#{case.pk} ")).click()
        expect(
            page.get_by_role("heading", name="Before you reply: the customer in full")
        ).to_be_visible()
        expect(page.locator("blockquote.comment")).to_contain_text("Billing charged me twice")
        expect(page.get_by_text("Europe/Lisbon")).to_be_visible()
        shoot(page, "case-page")
        assert_accessible(page)

        # the case page has a note in more than one form: this one records the attempt
        attempt = page.get_by_role("region", name="Record a contact attempt")
        attempt.get_by_label("Channel").select_option("phone")
        attempt.get_by_label("Outcome").select_option("reached")
        attempt.get_by_label("Note").fill("Carla was charged twice for November.")
        attempt.get_by_role("button", name="Record attempt").click()
        expect(page.get_by_text("Contact attempt recorded.")).to_be_visible()
        page.get_by_label("Root cause", exact=True).select_option(label="Billing error")
        page.get_by_label("Resolution", exact=True).fill(
            "Refunded the second charge and fixed the duplicate run."
        )
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_role("button", name="Resolved").click()
        expect(page.get_by_text("Case is now resolved.")).to_be_visible()
        expect(page.get_by_role("heading", name="Close the loop with the customer")).to_be_visible()
        assert "Dear Carla" in page.get_by_label("Message", exact=True).input_value()
        shoot(page, "case-close-loop")
        assert_accessible(page)
        page.get_by_role("button", name="Send and close").click()
        expect(page.get_by_text("The loop is closed.")).to_be_visible()

        (closing,) = [
            m
            for m in smtp.messages
            if m["To"] == "carla@acme.example" and "feedback" in m["Subject"].lower()
        ]
        body = closing.get_payload(decode=True).decode()  # type: ignore[union-attr]
        link = re.search(r"https?://[^/\s]+(/r/[\w-]+/)", body)
        assert link, body

    # the customer answers the re-survey, higher than before
    answer_nps(page, link.group(1), 9, "Thanks for sorting it out so quickly.")
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED
    assert case.recovered is True

    page.goto("/cases/measures/")
    expect(page.get_by_text(re.compile("Recovery", re.IGNORECASE)).first).to_be_visible()
    shoot(page, "case-measures")
    assert_accessible(page)
    assert "1 of 1" in page.content() or "100" in page.content()
