"""The shared kernel: the organisation every record belongs to, and the audit log."""

from __future__ import annotations

from email.utils import formataddr, parseaddr
from typing import Any

from django.conf import settings
from django.db import models

from centric.core.mail import one_line
from centric.core.roles import Role
from centric.core.validators import validate_one_line, validate_time_zone

__all__ = ["ID_MAX", "AuditEvent", "ImportMode", "Organisation", "OrganisationScoped", "Role"]

# Every table's id is a BigAutoField (DEFAULT_AUTO_FIELD): a larger number is no record's, and
# no database takes it in a query.
ID_MAX = 2**63 - 1


class Currency(models.TextChoices):
    """The currency accounts' values are in: ISO 4217 codes, written before the amount."""

    AUD = "AUD", "Australian dollar (AUD)"
    BRL = "BRL", "Brazilian real (BRL)"
    CAD = "CAD", "Canadian dollar (CAD)"
    CHF = "CHF", "Swiss franc (CHF)"
    CNY = "CNY", "Chinese yuan (CNY)"
    CZK = "CZK", "Czech koruna (CZK)"
    DKK = "DKK", "Danish krone (DKK)"
    EUR = "EUR", "Euro (EUR)"
    GBP = "GBP", "Pound sterling (GBP)"
    INR = "INR", "Indian rupee (INR)"
    JPY = "JPY", "Japanese yen (JPY)"
    MXN = "MXN", "Mexican peso (MXN)"
    NOK = "NOK", "Norwegian krone (NOK)"
    NZD = "NZD", "New Zealand dollar (NZD)"
    PLN = "PLN", "Polish złoty (PLN)"
    SEK = "SEK", "Swedish krona (SEK)"
    SGD = "SGD", "Singapore dollar (SGD)"
    USD = "USD", "US dollar (USD)"
    ZAR = "ZAR", "South African rand (ZAR)"


class Organisation(models.Model):
    # one line: it is the sender's name of mail to customers unless ``mail_sender_name`` is set
    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    currency = models.CharField(
        max_length=3,
        choices=Currency.choices,
        default=Currency.EUR,
        help_text="The currency of the accounts' annual values.",
    )
    mail_sender_name = models.CharField(
        "sender name",
        max_length=100,
        blank=True,
        validators=[validate_one_line],
        help_text="The name customers see as the sender of surveys and closing messages; "
        "empty: the organisation's name.",
    )
    mail_reply_to = models.EmailField(
        "reply-to address",
        blank=True,
        help_text="Where customers' replies to surveys and closing messages go (your CX "
        "team's inbox, say); empty: replies go to the installation's sending address.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    def customer_mail_from(self) -> str:
        """The From of mail to customers: the organisation's sender name, at the address this
        installation sends from (whose domain is the one set up to send). One line, whatever
        the name stored."""
        _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        return formataddr((one_line(self.mail_sender_name or self.name), address))

    def customer_mail_reply_to(self) -> list[str]:
        return [self.mail_reply_to] if self.mail_reply_to else []


class ImportMode(models.TextChoices):
    """What an import does with a file that has bad rows: the user's choice, in every import."""

    ALL_OR_NOTHING = "all_or_nothing", "Import only if every row is valid"
    KEEP_VALID = "keep_valid", "Import the valid rows, skip the others"


class OrganisationScoped(models.Model):
    """Every domain record belongs to exactly one organisation; selectors always filter by it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        IMPORT = "import", "Imported"
        REVOKE = "revoke", "Revoked"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    # {field: [before, after]}; values are rendered to JSON-safe strings at write time
    changes: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_repr}"
