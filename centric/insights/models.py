"""What the text engine read in each response, stored so the Insights pages can query it."""

from __future__ import annotations

from typing import Any

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

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="analysis")
    sentiment_label = models.CharField(max_length=8, choices=Label.choices)
    sentiment_score = models.FloatField()
    journey_stage = models.CharField(max_length=20, blank=True)
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
