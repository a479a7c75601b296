"""Reads for feedback imports: each person sees the imports they uploaded; saved mappings are
shared across the organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from centric.feedback.models import FeedbackImport, SavedMapping
from centric.people.models import User


def feedback_imports_of(*, actor: User) -> QuerySet[FeedbackImport]:
    return FeedbackImport.objects.filter(
        organisation_id=actor.organisation_id, created_by=actor
    ).order_by("-created_at")


def feedback_import_access(*, actor: User, import_id: int) -> FeedbackImport:
    try:
        return feedback_imports_of(actor=actor).select_related("created_by").get(pk=import_id)
    except FeedbackImport.DoesNotExist:
        raise Http404("No such import") from None


def saved_mappings_of(*, actor: User) -> QuerySet[SavedMapping]:
    return SavedMapping.objects.filter(organisation_id=actor.organisation_id)
