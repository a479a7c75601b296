"""What the text engine read in each response, stored so the Insights pages can query it."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from centric.core.models import OrganisationScoped
from centric.feedback.models import Response


class ResponseAnalysis(OrganisationScoped):
    """The engine's reading of one response's comment. ``reading`` is the engine's full JSON
    (``Analysis.to_dict()``); the columns beside it are the parts the pages filter on."""

    class Label(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        NEUTRAL = "neutral", "Neutral"
        MIXED = "mixed", "Mixed"
        UNREAD = "unread", "Not read (a language the engine does not read)"

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="analysis")
    sentiment_label = models.CharField(max_length=8, choices=Label.choices)
    sentiment_score = models.FloatField()
    journey_stage = models.CharField(max_length=20, blank=True)
    # the language the engine found the comment written in (ISO 639-1), read or not
    language = models.CharField(max_length=8, default="en")
    urgent = models.BooleanField(default=False)
    churn_risk = models.BooleanField(default=False)
    praise = models.BooleanField(default=False)
    care_signals: models.JSONField[list[dict[str, Any]]] = models.JSONField(default=list)
    reading: models.JSONField[dict[str, Any]] = models.JSONField(default=dict)
    engine_version = models.CharField(max_length=40)
    analysed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "response analyses"
        indexes = [models.Index(fields=["organisation", "sentiment_label"])]

    def __str__(self) -> str:
        return f"Analysis of response {self.response_id}"


class ThemeMention(OrganisationScoped):
    """One theme a response talks about, with the sentiment of what it says about it."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="theme_mentions")
    theme = models.CharField(max_length=120)
    confidence = models.FloatField()
    sentiment_label = models.CharField(max_length=8, choices=ResponseAnalysis.Label.choices)
    sentiment_score = models.FloatField()

    class Meta:
        ordering = ["-confidence"]
        indexes = [models.Index(fields=["organisation", "theme"])]
        constraints = [
            models.UniqueConstraint(fields=["response", "theme"], name="one_mention_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.theme} in response {self.response_id}"


class ThemeDefinition(OrganisationScoped):
    """One theme of the organisation's taxonomy, as its people edit it. The pipeline builds the
    engine's ``Taxonomy`` from these rows (``taxonomy.organisation_taxonomy``)."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    seed_words: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    examples: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    # A theme with sub-themes cannot be deleted: its children would silently lose their place.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_theme_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThemeProposal(OrganisationScoped):
    """A theme that discovery found in the organisation's own comments, waiting for a person to
    accept it (it becomes a ``ThemeDefinition``) or reject it (it is not proposed again)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    name = models.CharField(max_length=120)
    key_terms: models.JSONField[list[str]] = models.JSONField(default=list)
    examples: models.JSONField[list[str]] = models.JSONField(default=list)
    size = models.PositiveIntegerField(default=0)
    # the language of the comments it was found in (ISO 639-1): discovery reads each apart
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-size", "name"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.name


class Reanalysis(OrganisationScoped):
    """Reading every comment of an organisation again, after its taxonomy changed or on request.
    The work is cut into ``ReanalysisChunk``s that the workers share; each finished chunk adds its
    size to ``done`` in the database (an F expression), so the counts stay right however many
    workers report at once. ``version`` is the engine-and-taxonomy version the readings reach."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Preparing"
        RUNNING = "running", "Re-analysing"
        DONE = "done", "Done"
        SUPERSEDED = "superseded", "Superseded by a newer run"

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNING)
    reason = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    chunks = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "reanalyses"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Re-analysis {self.pk} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.PLANNING, self.Status.RUNNING}

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, 100 * self.done // self.total) if self.total else 0


class ReanalysisChunk(models.Model):
    """A contiguous range of response ids for one task. ``done`` is set in the same transaction
    as the readings are stored, so a redelivered task finds it done and counts nothing twice."""

    reanalysis = models.ForeignKey(Reanalysis, on_delete=models.CASCADE, related_name="parts")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    size = models.PositiveIntegerField()
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["first_id"]

    def __str__(self) -> str:
        return f"Responses {self.first_id}–{self.last_id}"


class SentimentCalibration(OrganisationScoped):
    """Sentiment learnt from the organisation's own scored comments (promoters against
    detractors, the top two answers of a rating against the bottom two), so that comments
    without a score are read the way its customers write. At most one is ``READY`` at a time:
    the one the pipeline reads with. ``model`` holds the fitted ``CalibratedSentiment`` of each
    language it learnt and put in use ({"en": …, "de": …}; before, one English one), pickled by
    this application alone; ``learnt_f1`` and ``default_f1`` say how well the learnt and the
    default reading agreed with the scores of a fifth of the comments held back, and
    ``languages`` says the same of each language learnt, whether it was put in use, and why
    not."""

    class Status(models.TextChoices):
        LEARNING = "learning", "Learning"
        READY = "ready", "In use"
        FAILED = "failed", "Failed"
        RETIRED = "retired", "No longer used"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LEARNING)
    # names this model in each process's cache of loaded models (ids can be reused)
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    positive = models.PositiveIntegerField(default=0)
    negative = models.PositiveIntegerField(default=0)
    learnt_f1 = models.FloatField(null=True, blank=True)
    default_f1 = models.FloatField(null=True, blank=True)
    held_out = models.PositiveIntegerField(default=0)
    # per language learnt: {"language", "positive", "negative", "held_out", "learnt_f1",
    # "default_f1", "in_use", "reason"}
    languages = models.JSONField(default=list, blank=True)
    model = models.BinaryField(null=True, blank=True, editable=False)
    error = models.CharField(max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Sentiment calibration {self.pk} ({self.get_status_display()})"


class SpikeAlert(OrganisationScoped):
    """A theme's week that rose far above its own usual weeks (``volume``) or turned markedly
    more negative or positive (``sentiment``), told to the CX leads once: a row can exist once
    for its week, theme and kind, written with the mails that tell of it."""

    class Kind(models.TextChoices):
        VOLUME = "volume", "Spike in mentions"
        SENTIMENT = "sentiment", "Shift in sentiment"

    week = models.DateField()  # its Monday
    theme = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sentence = models.CharField(max_length=500)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-week", "theme"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "week", "theme", "kind"], name="one_alert_per_theme_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.theme}, week of {self.week}"
