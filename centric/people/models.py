"""People and the internal structure of the organisation: business units, teams, who leads them,
who belongs to them, and which teams each team serves (its internal customers, seed 001)."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse

from centric.core.models import Organisation, OrganisationScoped, Role
from centric.core.validators import validate_time_zone

LANGUAGES = [
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pt", "Portuguese"),
    ("pl", "Polish"),
    ("sv", "Swedish"),
    ("ja", "Japanese"),
]


class PersonManager(UserManager["User"]):
    """People sign in with their email address; there is no separate user name."""

    def _create_user_object(
        self, username: Any, email: str | None, password: str | None, **extra: Any
    ) -> User:
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        user = self._create_user_object(None, email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        """An admin (``createsuperuser``); in a new installation also the organisation's first
        member. They keep their organisation's time zone unless given another."""
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        if "organisation" not in extra and "organisation_id" not in extra:
            organisation = Organisation.objects.order_by("pk").first()
            if organisation is None:
                organisation = Organisation.objects.create(name="My organisation", slug="default")
            extra["organisation"] = organisation
        if not extra.get("time_zone"):
            organisation = extra.get("organisation") or Organisation.objects.get(
                pk=extra["organisation_id"]
            )
            extra["time_zone"] = organisation.time_zone
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    job_title = models.CharField(max_length=120, blank=True)
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    spike_alerts = models.BooleanField(
        "mail me of spikes",
        default=True,
        help_text="A theme's sudden rise in mentions or turn in sentiment, told once; "
        "CX leads hear of them (admins, where there are no CX leads).",
    )
    invited_at = models.DateTimeField(
        "invitation last emailed", null=True, blank=True, editable=False
    )

    USERNAME_FIELD = "email"
    # what `createsuperuser` asks for besides the email address and the password: invitations
    # and notifications name who sent them
    REQUIRED_FIELDS: ClassVar[list[str]] = ["first_name", "last_name"]
    objects: ClassVar[PersonManager] = PersonManager()

    class Meta:
        ordering = ["first_name", "last_name", "email"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.pk])

    @property
    def has_joined(self) -> bool:
        """Whether they have chosen a password or signed in; until then they are only invited
        (added by an admin, with no password of their own)."""
        return self.last_login is not None or self.has_usable_password()


class BusinessUnit(OrganisationScoped):
    name = models.CharField(max_length=120)
    head = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_business_unit_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(OrganisationScoped):
    name = models.CharField(max_length=120)
    business_unit = models.ForeignKey(
        BusinessUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams"
    )
    lead = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams_led"
    )
    description = models.TextField(blank=True)
    members = models.ManyToManyField(User, blank=True, related_name="teams")
    # Seed 001: everyone you work with is a customer. A team lists the teams it serves; each of
    # those is one of its internal customers.
    serves = models.ManyToManyField("self", blank=True, symmetrical=False, related_name="served_by")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:team_detail", args=[self.pk])


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the token is shown once, at creation."""

    PREFIX = "cen_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    hint = models.CharField(max_length=12)  # the first characters, to tell tokens apart
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
