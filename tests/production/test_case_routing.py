"""The closed loop in production mode: a real worker process analyses new feedback, routes it
by the rules and opens the case; the escalation task, run twice by the worker, notifies once."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from email.header import decode_header, make_header

import pytest

from centric.cases.models import Case, Escalation, Rule
from centric.cases.tasks import escalate_breaches
from centric.core import clock
from centric.core.roles import Role
from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.feedback.signals import feedback_received_send
from tests.factories import AccountFactory, TeamFactory, UserFactory
from tests.production.test_production_mode import wait_for
from tests.smtp import LocalSmtpServer


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSmtpServer]:
    """A real SMTP server for the worker process (started before it, so it inherits the port)."""
    with LocalSmtpServer() as server:
        monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
        monkeypatch.setenv("EMAIL_PORT", str(server.port))
        yield server


def test_a_worker_routes_new_feedback_to_a_case_and_escalates_a_breach_once(
    smtp: LocalSmtpServer, worker: subprocess.Popen[str]
) -> None:
    lead = UserFactory.create(role=Role.CX_LEAD)
    org = lead.organisation
    owner = UserFactory.create(organisation=org)
    team = TeamFactory.create(organisation=org, name="Success", lead=owner, members=[owner])
    account = AccountFactory.create(organisation=org, owner=owner, team=team)
    Rule.objects.create(
        organisation=org,
        name="Urgent money",
        priority="urgent",
        conditions_all=[{"field": "urgent", "op": "is_true"}],
    )
    response = Response.objects.create(
        organisation=org,
        customer=Customer.objects.get(account=account),
        channel=Response.Channel.API,
        kind=Response.Kind.TICKET,
        comment="Billing charged me twice and nobody called back.",
        responded_at=clock.now(),
    )
    feedback_received_send(organisation_id=org.pk, response_ids=[response.pk])
    wait_for(lambda: Case.objects.filter(response=response).exists())
    case = Case.objects.get(response=response)
    assert (case.owner, case.team, case.priority) == (owner, team, "urgent")

    # the clocks ran out long ago; each run of the task on the worker takes one step per clock,
    # the second once the first is four business hours old
    Case.objects.filter(pk=case.pk).update(
        first_contact_due=clock.now() - dt.timedelta(days=7),
        resolution_due=clock.now() - dt.timedelta(days=6),
    )
    escalate_breaches.delay().get(timeout=60)
    Escalation.objects.filter(case=case).update(created_at=clock.now() - dt.timedelta(days=7))
    escalate_breaches.delay().get(timeout=60)
    levels = sorted(Escalation.objects.filter(case=case).values_list("clock", "level"))
    assert levels == [
        ("first_contact", 1),
        ("first_contact", 2),
        ("resolution", 1),
        ("resolution", 2),
    ]
    assert Escalation.objects.filter(case=case, notified_at__isnull=True).count() == 0

    # the mail leaves by tasks of its own, queued as each run commits
    def breaches() -> list[str]:
        subjects = [(m["To"], str(make_header(decode_header(m["Subject"])))) for m in smtp.messages]
        return [to for to, subject in subjects if subject.startswith("SLA breached")]

    wait_for(lambda: len(breaches()) >= 4)
    assert sorted(breaches()) == sorted([owner.email, lead.email] * 2)
