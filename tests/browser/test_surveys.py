"""Surveys in a real browser: a CX lead builds one from a template and opens it; a customer answers
on a phone, a detractor sees the detractor's follow-up, and the pages pass axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from centric.customers.models import Contact
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD
from centric.feedback import services
from centric.feedback.models import Invitation, Response, Survey
from centric.people.models import User
from tests.browser.conftest import PHONE, SCREENSHOTS, assert_accessible, shoot, sign_in


def test_a_cx_lead_builds_a_survey_from_a_template_and_opens_it(
    page: Page, transactional_db: None
) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/surveys/")
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("Customer-centricity survey", exact=False).check()
    page.get_by_label("Name").fill("How well do we know you? 2026")
    page.get_by_label("Stage").select_option(label="Use")
    shoot(page, "survey-create")
    assert_accessible(page)
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_text("created as a draft")).to_be_visible()
    page.get_by_role("link", name="Add a question").click()
    # the fields of other kinds show only for them, the other languages' wordings folded away
    expect(page.get_by_label("Options", exact=False)).to_be_hidden()
    expect(page.get_by_label("Question (German)", exact=False)).to_be_hidden()
    page.get_by_label("Kind").select_option("single")
    expect(page.get_by_label("Rating from", exact=False)).to_be_hidden()
    shoot(page, "question-form")
    assert_accessible(page)
    page.get_by_label("Question (English)").fill("Which part of our work matters most to you?")
    page.get_by_label("Options", exact=False).fill(
        "Advice | Beratung\nDelivery | Lieferung\nSupport | Support"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Question saved.")).to_be_visible()
    shoot(page, "survey-draft")
    assert_accessible(page)
    # the draft previewed as respondents will see it, on a phone, with nothing kept
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_text("Preview: this is what respondents see.")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("radio", name="2", exact=True).first.check()
    page.get_by_role("button", name="Next").click()  # the other questions are required
    expect(page.get_by_text("Please answer this question.").first).to_be_visible()
    expect(page.get_by_role("radio", name="2", exact=True).first).to_be_checked()
    shoot(page, "survey-preview")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Back to the survey").click()
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is now open.")).to_be_visible()
    survey = Survey.objects.get(name="How well do we know you? 2026")
    account = Contact.objects.order_by("pk").first().account  # type: ignore[union-attr]
    page.get_by_role("searchbox", name="Narrow the list of accounts").fill(account.name)
    page.locator(f'input[name="accounts"][value="{account.pk}"]').check()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text(re.compile(r"\d+ invited\."))).to_be_visible()
    invited = survey.invitations.count()
    assert invited
    assert survey.invitations.filter(sent_at__isnull=False).count() == invited
    expect(page.get_by_text(f"{invited} invited.")).to_be_visible()
    skipped = account.contacts.count() - invited
    if skipped:  # the demo asked some of them lately, depending on today's date: fatigue rule
        expect(page.get_by_text(f"{skipped} not invited:")).to_be_visible()
    shoot(page, "survey")
    assert_accessible(page)
    page.goto("/journey/")
    expect(page.get_by_role("heading", name="Delivery")).to_be_visible()
    shoot(page, "journey")
    assert_accessible(page)


def _invited_to_the_demo_survey(language: str) -> tuple[Survey, Invitation]:
    """The demo organisation with an open relationship survey, and the invitation of one of its
    contacts who read ``language`` (one the fatigue rule lets us ask: the demo asked some of
    them lately)."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cx_lead = User.objects.get(email=DEMO_EMAIL)
    survey = services.survey_create_from_template(
        actor=cx_lead, template="relationship-nps", values={"name": "Northwind 2026"}
    )
    services.survey_set_status(actor=cx_lead, survey=survey, status="open")
    invited, _ = services.invitations_create(
        actor=cx_lead, survey=survey, contacts=list(Contact.objects.filter(language=language))
    )
    return survey, invited[0]


def test_a_detractor_answers_on_a_phone_in_their_language(
    page: Page, transactional_db: None
) -> None:
    survey, invitation = _invited_to_the_demo_survey("de")
    page.set_viewport_size(PHONE)
    page.goto(f"/r/{invitation.token}/")
    expect(page.get_by_text("Wie wahrscheinlich ist es")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "respond-phone.png", full_page=True)
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_text("Bitte prüfen Sie die markierten Antworten.")).to_be_visible()
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("button", name="Weiter").click()
    expect(
        page.locator("legend", has_text="Was sollten wir als Erstes verbessern?")
    ).to_be_visible()
    page.get_by_role("textbox").fill("Die Rechnungen <kommen> zu spät.")
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "respond-page-2-phone.png", full_page=True)
    # back to the score, which kept its answer, and forward again to what was typed
    page.get_by_role("button", name="Zurück").click()
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_checked()
    expect(page.get_by_role("button", name="Zurück")).to_have_count(0)
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("textbox")).to_have_value("Die Rechnungen <kommen> zu spät.")
    page.get_by_role("button", name="Antworten senden").click()
    expect(page.get_by_role("heading", name="Vielen Dank")).to_be_visible()
    shoot(page, "respond-thanks")
    response = Response.objects.get(invitation=invitation)
    assert response.submitted_at is not None
    assert services.response_answers(response)["fix_first"] == "Die Rechnungen <kommen> zu spät."

    # the CX lead reads the answer in the survey's results, escaped, on a phone and a laptop
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/surveys/{survey.pk}/")
    results = page.get_by_role("region", name="Results")
    expect(results.get_by_text("1 answer", exact=False).first).to_be_visible()
    expect(results.get_by_text("1 · 100%").first).to_be_visible()  # one detractor of one
    expect(page.get_by_text("Die Rechnungen <kommen> zu spät.")).to_be_visible()
    shoot(page, "survey-results")
    assert_accessible(page)
    # the results of the answers given in chosen dates: today's answer is in them, or not
    form = results.get_by_role("form", name="Answers given")
    form.get_by_label("Answers given").select_option("Between dates")
    today = timezone.localdate()
    form.get_by_label("From").fill(str(today - timedelta(days=7)))
    form.get_by_label("To").fill(str(today - timedelta(days=1)))
    form.get_by_role("button", name="Show").click()
    expect(results.get_by_text("No answers in this period.").first).to_be_visible()
    form.get_by_label("Answers given").select_option("In the last 30 days")
    form.get_by_role("button", name="Show").click()
    expect(results.get_by_text("given in the last 30 days", exact=False)).to_be_visible()
    expect(results.get_by_text("1 · 100%").first).to_be_visible()
    assert_accessible(page)


def test_a_promoter_answers_from_the_email_on_a_phone(
    page: Page, live_server: object, transactional_db: None, mailoutbox: list[EmailMessage]
) -> None:
    survey, invitation = _invited_to_the_demo_survey("en")
    services.invitations_send(survey_id=survey.pk)
    (message,) = [message for message in mailoutbox if message.to == [invitation.email]]
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0]).replace(settings.SITE_URL, str(live_server))
    # the mail as a mail program shows it, on a phone: the question and its numbers
    page.set_viewport_size(PHONE)
    page.set_content(html)
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "invitation-mail-phone.png", full_page=True)
    page.get_by_role("link", name="9", exact=True).click()
    # the survey opens with 9 marked; nothing is kept until the page is sent
    expect(page.get_by_role("radio", name="9", exact=True)).to_be_checked()
    expect(page.get_by_text("Your answer from the email, 9, is marked below.")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "respond-from-mail-phone.png", full_page=True)
    assert not Response.objects.filter(invitation=invitation).exists()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("legend", has_text="What do we do best?")).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert Response.objects.get(invitation=invitation).score == 9
