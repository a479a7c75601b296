"""The closed loop: rules that turn feedback into cases, the case with its single owner and SLA,
the organisation's calendar and root-cause taxonomy, escalations, notifications and webhooks."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import models
from django.urls import reverse

from centric.cases import sla
from centric.core.models import OrganisationScoped
from centric.core.validators import validate_time_zone
from centric.customers.models import Contact, Customer
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.scales import SCORE_RANGES
from centric.people.models import LANGUAGES, Team, User


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"
    LOW = "low", "Low"


# Business hours to first contact and to resolution, by priority, for a new organisation.
DEFAULT_SLA_HOURS = {
    Priority.URGENT: (2, 8),
    Priority.HIGH: (4, 16),
    Priority.NORMAL: (8, 40),
    Priority.LOW: (16, 80),
}
DEFAULT_ROOT_CAUSES = [
    ("Product defect", "The product did not work as it should."),
    ("Billing error", "An invoice, charge or refund was wrong."),
    ("Delivery delay", "Something arrived late, incomplete or not at all."),
    ("Communication gap", "We did not tell the customer what they needed to know."),
    ("Process or policy", "Our own rules or steps got in the customer's way."),
    ("Staff behaviour", "How one of us treated the customer."),
    ("Expectation mismatch", "What was promised or understood differed from what we deliver."),
    ("Other", "None of the above; describe it in the resolution."),
]


class BusinessCalendar(OrganisationScoped):
    """When the organisation works: SLA clocks only run in these hours. ``hours`` maps a weekday
    ("0" is Monday) to ["09:00", "17:00"]; ``holidays`` lists ISO dates."""

    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    hours: models.JSONField[dict[str, list[str]]] = models.JSONField(default=dict)
    holidays: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_calendar_per_organisation")
        ]

    def __str__(self) -> str:
        return f"Business hours ({self.time_zone})"

    def to_sla(self) -> sla.Calendar:
        return sla.Calendar(
            self.time_zone,
            {
                int(day): (dt.time.fromisoformat(opens), dt.time.fromisoformat(closes))
                for day, (opens, closes) in self.hours.items()
            },
            frozenset(dt.date.fromisoformat(day) for day in self.holidays),
        )


class SlaPolicy(OrganisationScoped):
    """How long, in business hours, a case of this priority may wait for first contact and for
    its resolution. A rule may set its own targets instead."""

    priority = models.CharField(max_length=8, choices=Priority.choices)
    first_contact_hours = models.DecimalField(max_digits=6, decimal_places=2)
    resolution_hours = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = "SLA policy"
        verbose_name_plural = "SLA policies"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "priority"], name="one_sla_per_priority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_priority_display()}: {self.first_contact_hours} h / {self.resolution_hours} h"


class RootCause(OrganisationScoped):
    """A category in the organisation's own root-cause taxonomy."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_root_cause_name")
        ]

    def __str__(self) -> str:
        return self.name


class Rule(OrganisationScoped):
    """Feedback that meets every condition in ``conditions_all`` and, when ``conditions_any`` is
    not empty, at least one of those, opens a case. Each condition is ``{"field", "op",
    "value"}``, read by ``centric.cases.conditions``."""

    class OwnerStrategy(models.TextChoices):
        CUSTOMER_OWNER = (
            "customer_owner",
            "The customer's owner (account owner, or the lead of the serving team)",
        )
        ROUND_ROBIN = "round_robin", "Round robin in a team"
        PERSON = "person", "A named person"

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    conditions_all: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        default=list, blank=True
    )
    conditions_any: models.JSONField[list[dict[str, Any]]] = models.JSONField(
        default=list, blank=True
    )
    owner_strategy = models.CharField(
        max_length=16, choices=OwnerStrategy.choices, default=OwnerStrategy.CUSTOMER_OWNER
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For round robin; also where a case goes when the customer has no owner.",
    )
    person = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    first_contact_hours = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Business hours; empty takes the priority's SLA.",
    )
    resolution_hours = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Business hours; empty takes the priority's SLA.",
    )
    notify_owner = models.BooleanField(default=True, help_text="Email the owner of each new case.")
    tags: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    round_robin_cursor = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_rule_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:rule_edit", args=[self.pk])


class Case(OrganisationScoped):
    """One problem of one customer, owned by exactly one person at a time (or waiting in a
    team's queue, unassigned). Ownership is transferred, never shared; watchers follow along."""

    class State(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    comment = models.TextField(
        blank=True,
        help_text="What the customer wrote in the feedback that opened the case, kept with the "
        "case so the inboxes search it without reading the feedback table.",
    )
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    response = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    rule = models.ForeignKey(
        Rule, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases_owned"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    watchers = models.ManyToManyField(User, blank=True, related_name="cases_watched")
    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    tags: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField()
    first_contact_due = models.DateTimeField()
    resolution_due = models.DateTimeField()
    first_contacted_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    root_cause = models.ForeignKey(
        RootCause, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    resolution = models.TextField(blank=True)
    resurvey = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "state", "owner"]),
            models.Index(fields=["organisation", "state", "team"]),
            models.Index(fields=["organisation", "state", "first_contact_due"]),
            models.Index(fields=["organisation", "state", "resolution_due"]),
            models.Index(fields=["organisation", "customer", "state"]),
            models.Index(fields=["organisation", "-opened_at"]),
            # the open inboxes (selectors.OPEN_STATES), soonest deadline first: read in order,
            # stopping at the end of the page
            models.Index(
                fields=["organisation", "resolution_due", "id"],
                condition=models.Q(state__in=["new", "contacted", "in_progress"]),
                name="cases_open_by_deadline",
            ),
        ]
        constraints = [
            # one piece of feedback opens at most one case, however often the rules run
            models.UniqueConstraint(
                fields=["response"],
                condition=models.Q(response__isnull=False),
                name="one_case_per_response",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state not in (self.State.RESOLVED, self.State.CLOSED)

    @property
    def recovered(self) -> bool | None:
        """Whether the customer's re-survey scored higher than the feedback that opened the case;
        None until a re-survey with a score comes back."""
        if self.resurvey_id is None or self.response is None or self.response.score is None:
            return None
        answer = getattr(self.resurvey, "response", None)
        if answer is None or answer.submitted_at is None or answer.score is None:
            return None
        before = _on_unit_scale(self.response.score, self.response.score_type)
        after = _on_unit_scale(answer.score, answer.score_type)
        if before is None or after is None:
            return None
        return after > before


def _on_unit_scale(score: int, score_type: str) -> float | None:
    """A score as a share of its scale (0 to 1), so that an NPS answer and a CSAT answer can be
    compared; None for an unknown scale."""
    if score_type not in SCORE_RANGES:
        return None
    low, high = SCORE_RANGES[score_type]
    return (score - low) / (high - low)


class CaseEvent(models.Model):
    """The case's timeline, every change and every contact attempt, oldest first."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        ASSIGNED = "assigned", "Owner changed"
        STATE = "state", "State changed"
        COMMENT = "comment", "Comment"
        CONTACT = "contact", "Contact attempt"
        ROOT_CAUSE = "root_cause", "Root cause"
        MESSAGE = "message", "Closing message sent"
        # the loop closed by phone, chat or in a meeting: what was said, not a message we sent
        LOOP_CLOSED = "loop_closed", "Loop closed"
        ESCALATED = "escalated", "Escalated"
        ANSWERS = "answers", "Customer changed their answers"
        # an email to the customer that could not be sent, however often it was tried
        MAIL_FAILED = "mail_failed", "Email not sent"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        MEETING = "meeting", "Meeting"
        CHAT = "chat", "Chat"

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached the customer"
        LEFT_MESSAGE = "left_message", "Left a message"
        NO_ANSWER = "no_answer", "No answer"

    # a first contact is made once the customer has heard from us
    CONTACT_MADE = frozenset({Outcome.REACHED, Outcome.LEFT_MESSAGE})
    # where a loop closed by a word was closed; by email it is closed with the closing message
    LOOP_CLOSED_CHANNELS = (Channel.PHONE, Channel.CHAT, Channel.MEETING)

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    data: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on case {self.case_id}"


class Escalation(models.Model):
    """One step up the chain for one breached SLA deadline. The unique constraint makes
    escalation idempotent: a retried or restarted worker finds the row and notifies no one
    again. A reopened case's fresh deadline (``due``) climbs the chain anew."""

    class Clock(models.TextChoices):
        FIRST_CONTACT = "first_contact", "First contact"
        RESOLUTION = "resolution", "Resolution"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    clock = models.CharField(max_length=16, choices=Clock.choices)
    # the deadline that ran out
    due = models.DateTimeField()
    level = models.PositiveSmallIntegerField()
    recipient = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "clock", "due", "level"], name="escalate_each_level_once"
            )
        ]

    def __str__(self) -> str:
        return f"Case {self.case_id}: {self.get_clock_display()} level {self.level}"


class Notification(OrganisationScoped):
    """A message in the app for one person, beside any email."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(max_length=300)
    # where to read more when no case is: the comments behind a spike
    link = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message


class ClosingTemplate(OrganisationScoped):
    """The message that closes the loop with a customer, in one language. ``{name}``,
    ``{case}``, ``{resolution}``, ``{survey_link}`` and ``{sender}`` are filled in."""

    language = models.CharField(max_length=8, choices=LANGUAGES)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    resurvey = models.ForeignKey(
        Survey,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The survey a closing message may invite the customer to answer again.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="one_closing_template_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"Closing message ({self.get_language_display()})"


def _webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(OrganisationScoped):
    """An address that receives case events, signed with the endpoint's secret."""

    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=80, default=_webhook_secret, editable=False)
    events: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event to one endpoint: its payload and every attempt to deliver it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    event_id = models.CharField(max_length=40, unique=True)
    payload: models.JSONField[dict[str, Any]] = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id}"
