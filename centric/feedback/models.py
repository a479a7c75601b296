"""Listening: surveys and their questions, the journey they belong to, invitations, and the
responses customers give (external contacts and internal teams alike)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.urls import reverse

from centric.core import clock
from centric.core.models import ImportMode, Organisation, OrganisationScoped
from centric.core.periods import day_ended_by
from centric.customers.models import Contact, Customer
from centric.people.models import LANGUAGES, Team

# Seed 002: the journey a customer takes with us, made effortless stage by stage.
DEFAULT_STAGES = ["Shop", "Purchase", "Delivery", "Use", "Maintain", "Replace", "Dispose"]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_public_key() -> str:
    return secrets.token_urlsafe(12)


def new_attempt() -> str:
    """The id of one attempt at an open link's form (see ``Response.attempt``)."""
    return secrets.token_urlsafe(16)


class JourneyStage(OrganisationScoped):
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_stage_name")
        ]

    def __str__(self) -> str:
        return self.name


class Touchpoint(OrganisationScoped):
    name = models.CharField(max_length=120)
    stage = models.ForeignKey(
        JourneyStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="touchpoints"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_touchpoint_name")
        ]

    def __str__(self) -> str:
        return self.name


class Survey(OrganisationScoped):
    class Kind(models.TextChoices):
        RELATIONSHIP = "relationship", "Relationship"
        TRANSACTIONAL = "transactional", "Transactional (after a touchpoint)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.RELATIONSHIP)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    template = models.CharField(max_length=40, blank=True)
    stage = models.ForeignKey(
        JourneyStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    touchpoint = models.ForeignKey(
        Touchpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For an internal-customer survey: the team whose service is rated.",
    )
    languages: models.JSONField[list[str]] = models.JSONField(default=list)
    default_language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    # what respondents read, by language: the survey's title (``title_in``: never its name, which
    # is the staff's), and the words before the first question and on the thank-you page (none
    # is fine)
    title: models.JSONField[dict[str, str]] = models.JSONField(default=dict, blank=True)
    intro: models.JSONField[dict[str, str]] = models.JSONField(default=dict, blank=True)
    thank_you: models.JSONField[dict[str, str]] = models.JSONField(default=dict, blank=True)
    public_key = models.CharField(max_length=32, unique=True, default=new_public_key)
    open_link = models.BooleanField(
        default=False, help_text="Anyone with the open link may answer, anonymously."
    )
    one_answer_per_browser = models.BooleanField(
        "one answer per browser on the open link",
        default=True,
        help_text="A browser that has sent its answers through the open link is thanked, not "
        "asked again. Turn this off where people answer one after another on one device, such "
        "as a tablet at a counter.",
    )
    fatigue_days = models.PositiveSmallIntegerField(
        default=30,
        help_text="Nobody is asked more often than once in this many days, across all surveys.",
    )
    remind_automatically = models.BooleanField(
        "send the reminder by itself",
        default=False,
        help_text="Send the one reminder by itself, three days after the invitation, to those "
        "who have not answered.",
    )
    send_in_working_hours = models.BooleanField(
        "email within each invitee's working hours",
        default=False,
        help_text="Each invitation, and the reminder sent by itself, leaves on a weekday within "
        "the invitee's working hours, on their clock (a contact's own hours; 9 to 5 for a "
        "colleague); outside them it waits for the next hour that is.",
    )
    closes_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Answers are taken until then; the survey then closes by itself.",
    )
    # a relationship survey is sent in waves (each quarter, say), compared wave by wave
    current_wave = models.PositiveSmallIntegerField(
        default=1, help_text="The wave new invitations go into."
    )
    # none for a survey the system makes (a case's re-survey)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("feedback:survey_detail", args=[self.pk])

    def own_title_in(self, language: str) -> str:
        """The survey's title for respondents in ``language``, else in its default language;
        empty when it has none."""
        return self.title.get(language) or self.title.get(self.default_language) or ""

    def title_in(self, language: str) -> str:
        """What heads the survey's pages for respondents in ``language``: its title, else the
        organisation's name. Never the survey's name: staff name surveys for themselves
        ("Relationship NPS 2026"), and a survey made from a template has no title until one
        is written."""
        return self.own_title_in(language) or self.organisation.name

    def open_link_url(self) -> str:
        """The open link, whole, as it is shared: in a QR code, on another page."""
        return settings.SITE_URL + reverse("feedback:respond_open", args=[self.public_key])

    @property
    def last_day(self) -> dt.date | None:
        """The last day to answer, in the organisation's time zone; None: until closed (and
        then the organisation's time zone is not read)."""
        if self.closes_at is None:
            return None
        return day_ended_by(self.closes_at, ZoneInfo(self.organisation.time_zone))

    @property
    def past_last_day(self) -> bool:
        """Its closing time has come: it takes no more answers, and a scheduled task marks it
        closed if it is open."""
        return self.closes_at is not None and self.closes_at <= clock.now()

    @property
    def takes_answers(self) -> bool:
        return self.status == self.Status.OPEN and not self.past_last_day

    @property
    def status_now(self) -> str:
        """Its status as respondents find it: closed once past its last day, before the
        scheduled task has marked it so."""
        if self.status == self.Status.OPEN and self.past_last_day:
            return self.Status.CLOSED
        return self.status

    def get_status_now_display(self) -> str:
        return str(self.Status(self.status_now).label)


class Question(models.Model):
    class Kind(models.TextChoices):
        NPS = "nps", "Net Promoter Score (0–10)"
        CSAT = "csat", "Satisfaction (1–5)"
        CES = "ces", "Effort (1–7)"
        RATING = "rating", "Rating"
        SINGLE = "single", "One choice"
        MULTIPLE = "multiple", "Several choices"
        TEXT = "text", "Free text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField()
    page = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    required = models.BooleanField(default=True)
    text: models.JSONField[dict[str, str]] = models.JSONField(default=dict)  # {language: wording}
    # [{"value": "price", "label": {"en": "Price", "de": "Preis"}}]
    options: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list, blank=True)
    scale_min = models.SmallIntegerField(null=True, blank=True)
    scale_max = models.SmallIntegerField(null=True, blank=True)
    # {"question": "nps", "min": 0, "max": 6}: shown only when that answer falls in the range
    show_if: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="unique_question_key")
        ]

    def __str__(self) -> str:
        return self.key


class Invitation(OrganisationScoped):
    """One person's unguessable link to one survey, in one of its waves: a contact of an account, or
    a member of a team that is an internal customer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    wave = models.PositiveSmallIntegerField(
        default=1, help_text="The wave of its survey it was made in."
    )
    token = models.CharField(max_length=40, unique=True, default=new_token)
    follow_up = models.BooleanField(
        default=False,
        help_text="Asked again after something was done about earlier feedback (a re-survey).",
    )
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField()
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # once in each wave; a follow-up (the re-survey that closes a case's loop) may ask again
            models.UniqueConstraint(
                fields=["survey", "wave", "email"],
                condition=models.Q(follow_up=False),
                name="one_invitation_per_survey_wave_and_email",
            ),
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False) | models.Q(person__isnull=False),
                name="invitation_has_a_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.survey}"


class Response(OrganisationScoped):
    """One piece of feedback from one customer: an answered survey, or free-form feedback such as a
    review or a ticket. ``score``/``score_type`` and ``comment`` hold its headline score and text,
    so analytics read every kind of feedback the same way."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email invitation"
        LINK = "link", "Open link"
        IMPORT = "import", "Import"
        API = "api", "API"

    class Kind(models.TextChoices):
        SURVEY = "survey", "Survey"
        REVIEW = "review", "Review"
        TICKET = "ticket", "Support ticket"
        NOTE = "note", "Note"

    class ScoreType(models.TextChoices):
        NPS = "nps", "NPS (0–10)"
        CSAT = "csat", "CSAT (1–5)"
        CES = "ces", "CES (1–7)"
        RATING = "rating", "Rating (1–5)"

    # Every index is paid for on each of the millions of rows an import writes, so none is kept
    # twice: the organisation's and the customer's lookups use the composite indexes below, and
    # the links most feedback leaves empty have partial indexes over the rows that have them.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    survey = models.ForeignKey(
        Survey,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="responses",
        db_index=False,
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SURVEY)
    customer = models.ForeignKey(
        Customer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        db_index=False,
    )
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        db_index=False,
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        db_index=False,
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    stage = models.ForeignKey(
        JourneyStage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    touchpoint = models.ForeignKey(
        Touchpoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    language = models.CharField(max_length=8, default="en")
    page = models.PositiveSmallIntegerField(default=1, help_text="The page the respondent reached.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the respondent last changed the answers they sent."
    )
    # what the respondent sent and then changed, oldest first (``answer_history`` reads it):
    # null until they first do, as most never do and an import writes millions of rows
    earlier_answers: models.JSONField[list[dict[str, Any]] | None] = models.JSONField(
        null=True, blank=True, editable=False
    )
    responded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the customer gave this feedback (for imports, the date in the file).",
    )
    score = models.SmallIntegerField(null=True, blank=True)
    score_type = models.CharField(max_length=8, choices=ScoreType.choices, blank=True)
    comment = models.TextField(blank=True)
    # where it came from, so the same row imported or posted twice is stored once
    source_ref = models.CharField(max_length=200, blank=True)
    # the open link's form attempt (random, in the form), so the same form sent twice is stored
    # once; empty in the database by default, as bulk imports write their rows with raw SQL
    attempt = models.CharField(max_length=40, blank=True, default="", db_default="", editable=False)
    # the import that stored it, so that an import can be taken back. Neither an index nor a
    # constraint: every imported row would pay for them, while taking an import back is rare
    # and reads the organisation's responses once (an import is deleted only with its
    # organisation, when Django sets this to null itself)
    feedback_import = models.ForeignKey(
        "FeedbackImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        db_index=False,
        db_constraint=False,
        editable=False,
    )
    attributes: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "responded_at"]),
            # a customer's history, newest first (the case page)
            models.Index(fields=["customer", "-responded_at"]),
            *(
                models.Index(
                    fields=[link],
                    condition=models.Q(**{f"{link}__isnull": False}),
                    name=f"feedback_resp_{link}_idx",
                )
                for link in ("survey", "contact", "person", "stage", "touchpoint")
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="unique_response_source",
            ),
            models.UniqueConstraint(
                fields=["survey", "attempt"],
                condition=~models.Q(attempt=""),
                name="one_response_per_open_link_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}" + (
            f" to {self.survey}" if self.survey_id else ""
        )

    @property
    def answer_history(self) -> list[GivenAnswers]:
        """The answers the respondent sent and later changed, oldest first, each with when it was
        given; what it says now follows the last (given at ``edited_at``)."""
        return [GivenAnswers.from_json(given) for given in self.earlier_answers or []]


@dataclass(frozen=True)
class GivenAnswers:
    """What a sent response said at one time: its answers (by question key) and what is read of
    them, its headline score and comment; ``given_at``, when the respondent sent it."""

    given_at: dt.datetime
    answers: dict[str, Any]
    score: int | None
    score_type: str
    comment: str

    def as_json(self) -> dict[str, Any]:
        return {
            "given_at": self.given_at.isoformat(),
            "answers": self.answers,
            "score": self.score,
            "score_type": self.score_type,
            "comment": self.comment,
        }

    @classmethod
    def from_json(cls, given: dict[str, Any]) -> GivenAnswers:
        return cls(**{**given, "given_at": dt.datetime.fromisoformat(given["given_at"])})


class Answer(models.Model):
    # the unique (response, question) index below serves every lookup by response
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    choices: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value}"

    @property
    def value(self) -> Any:
        if self.number is not None:
            return self.number
        return self.choices or self.text


class IdempotentRequest(OrganisationScoped):
    """The first answer to an API request sent with an ``Idempotency-Key``: a retry with the same key
    and body gets this answer again and writes nothing; the same key with another body is refused."""

    key = models.CharField(max_length=200)
    body_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body: models.JSONField[Any] = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="unique_idempotency_key")
        ]

    def __str__(self) -> str:
        return self.key


class OptOut(OrganisationScoped):
    """An address that asked never to be surveyed again."""

    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="unique_opt_out")
        ]

    def __str__(self) -> str:
        return self.email


def feedback_import_path(instance: FeedbackImport, file_name: str) -> str:
    """Where an uploaded file is kept, under the default storage (``MEDIA_ROOT``). The name is
    random so nobody can guess another organisation's file; the original name is kept on the row."""
    suffix = file_name.rsplit(".", 1)[-1].lower()[:8] if "." in file_name else "bin"
    return f"feedback-imports/{instance.organisation_id}/{secrets.token_hex(16)}.{suffix}"


class FeedbackImport(OrganisationScoped):
    """A file of feedback (CSV, XLSX or JSON Lines) on its way in: uploaded, mapped to fields,
    checked, then imported as the uploader chose. The file lives in the default storage, so in
    production ``MEDIA_ROOT`` must be shared with the workers (or the storage an object store)."""

    class Status(models.TextChoices):
        MAPPING = "mapping", "Waiting for a column mapping"
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        REMOVING = "removing", "Removing its responses"
        REMOVED = "removed", "Removed"

    Mode = ImportMode

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"
        JSONL = "jsonl", "JSON Lines"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to=feedback_import_path, max_length=255)
    file_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8, choices=Format.choices)
    encoding = models.CharField(max_length=40, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    columns: models.JSONField[list[str]] = models.JSONField(default=list)
    preview: models.JSONField[list[list[str]]] = models.JSONField(default=list)
    preset = models.CharField(max_length=40, blank=True)
    # {"columns": {"score": "NPS", ...}, "score_type": "nps", "kind": "survey", "attributes": [...]}
    mapping: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.MAPPING)
    mode = models.CharField(max_length=16, choices=Mode.choices, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    bytes_read = models.PositiveBigIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # whether its responses record it (imports stored before they did cannot be taken back)
    tracks_responses = models.BooleanField(default=True, editable=False)
    removed_count = models.PositiveIntegerField(default=0)
    # taken back: the responses it stored that stay, as a case was opened on them (counted when
    # asked, then once removed)
    kept_count = models.PositiveIntegerField(default=0)
    # the first problems found: [{"line": 3, "column": "Score", "message": "..."}]; line 0: the file
    errors: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list)
    warnings: models.JSONField[list[str]] = models.JSONField(default=list)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "feedback import"

    def __str__(self) -> str:
        return f"Feedback import of {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:import_detail", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.IMPORTING, self.Status.REMOVING}

    @property
    def bad_rows(self) -> int:
        return self.total_rows - self.valid_rows


class SavedMapping(OrganisationScoped):
    """A named column mapping that anyone in the organisation can reuse for files of one shape."""

    name = models.CharField(max_length=80)
    mapping: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_mapping_name")
        ]

    def __str__(self) -> str:
        return self.name
