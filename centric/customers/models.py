"""Customers, external and internal.

An external customer is an account (a company we sell to) with its contacts. An internal customer
is a team that other teams serve (seed 001). Both are a ``Customer``: feedback, cases and
relationship plans point at a ``Customer`` and never need to know which kind it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from centric.core.models import ImportMode, OrganisationScoped
from centric.core.validators import validate_time_zone
from centric.people.models import LANGUAGES, Team


class LifecycleStage(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    EXPANDING = "expanding", "Expanding"
    AT_RISK = "at_risk", "At risk"
    RENEWAL = "renewal", "Up for renewal"
    CHURNED = "churned", "Churned"


class Tier(models.TextChoices):
    STRATEGIC = "strategic", "Strategic"
    KEY = "key", "Key"
    CORE = "core", "Core"
    LONG_TAIL = "long_tail", "Long tail"


class Segment(OrganisationScoped):
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_segment_name")
        ]

    def __str__(self) -> str:
        return self.name


class Account(OrganisationScoped):
    name = models.CharField(max_length=200)
    external_id = models.CharField(
        max_length=64, blank=True, help_text="The account's id in your CRM; imports match on it."
    )
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.SET_NULL, related_name="accounts"
    )
    lifecycle_stage = models.CharField(
        max_length=16, choices=LifecycleStage.choices, default=LifecycleStage.ACTIVE
    )
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.CORE)
    annual_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Annual recurring revenue.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts_owned",
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        help_text="The team that serves this account; its members can see and work on it.",
    )
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166 country code.")
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_account_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("customers:account_detail", args=[self.pk])


class Influence(models.TextChoices):
    DECISION_MAKER = "decision_maker", "Decision maker"
    INFLUENCER = "influencer", "Influencer"
    USER = "user", "User"
    GATEKEEPER = "gatekeeper", "Gatekeeper"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    IN_PERSON = "in_person", "In person"
    CHAT = "chat", "Chat"


class Contact(OrganisationScoped):
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="contacts")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    influence = models.CharField(max_length=16, choices=Influence.choices, default=Influence.USER)
    preferred_channel = models.CharField(
        max_length=16, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    working_hours_start = models.TimeField(default="09:00")
    working_hours_end = models.TimeField(default="17:00")

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            # "Carla@Acme.example" is Carla too: mail reaches her whichever way it is written
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                name="unique_contact_email_any_case",
                violation_error_message="Another contact already has this email address.",
            ),
            models.CheckConstraint(
                condition=models.Q(working_hours_start__lt=models.F("working_hours_end")),
                name="contact_working_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("customers:contact_detail", args=[self.pk])


class Customer(OrganisationScoped):
    """The one notion of a customer: exactly one of ``account`` (external) or ``team`` (internal)."""

    class Kind(models.TextChoices):
        EXTERNAL = "external", "External"
        INTERNAL = "internal", "Internal"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    account = models.OneToOneField(
        Account, null=True, blank=True, on_delete=models.CASCADE, related_name="customer"
    )
    team = models.OneToOneField(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="customer"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="external", account__isnull=False, team__isnull=True)
                    | models.Q(kind="internal", account__isnull=True, team__isnull=False)
                ),
                name="customer_is_an_account_or_a_team",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        subject = self.account if self.kind == self.Kind.EXTERNAL else self.team
        return str(subject)


class ImportJob(OrganisationScoped):
    """A CSV import of accounts or contacts: checked first, then applied as the user chooses."""

    class Kind(models.TextChoices):
        ACCOUNTS = "accounts", "Accounts"
        CONTACTS = "contacts", "Contacts"

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        CANCELLED = "cancelled", "Cancelled"
        FAILED = "failed", "Failed"

    Mode = ImportMode

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING)
    mode = models.CharField(max_length=16, choices=Mode.choices, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"line": 3, "column": "email", "message": "..."}]; line 0 means the file as a whole
    errors = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "import"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.file_name}"

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.IMPORTING}

    @property
    def bad_rows(self) -> int:
        return self.total_rows - self.valid_rows
