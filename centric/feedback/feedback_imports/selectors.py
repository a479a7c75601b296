"""Reads for feedback imports: each person sees the imports they uploaded; saved mappings are
shared across the organisation, and changed or deleted only by whoever saved them, an admin or a
CX lead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils.formats import number_format

from centric.core.permissions import can_write, sees_whole_organisation
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


def feedback_import_time(job: FeedbackImport) -> datetime:
    """The import's own time, one moment for the whole import: the date of every row when no
    column gives one. It is the upload's, so the pages can say it before any row is checked, and
    the check and the import agree on it."""
    return job.created_at


def feedback_import_undated_rows_date(job: FeedbackImport) -> datetime | None:
    """The date every row is given because the mapping has no date column; None when it has one."""
    if "responded_at" in (job.mapping.get("columns") or {}):
        return None
    return feedback_import_time(job)


@dataclass(frozen=True)
class Progress:
    """What an import in progress is doing, in words, and how far it is with that step: ``done``
    in words and ``percent`` for the bar measure the same thing."""

    phase: str
    done: str
    percent: int


def feedback_import_progress(job: FeedbackImport) -> Progress:
    """A check reads the file once, and counts the share of the file read. An import of the valid
    rows stores them as it reads them, and counts the rows; an import of every row or none first
    checks every row again (step 1, counted as a check is), then stores them (step 2, counted in
    rows), so its bar fills once for each step."""
    read_percent = _percent(job.bytes_read, job.size)
    rows_percent = _percent(job.processed_rows, job.total_rows)
    read = f"{read_percent}% of the file read"
    rows = f"{_count(job.processed_rows)} of {_count(job.total_rows)} rows done"
    if job.status == FeedbackImport.Status.CHECKING:
        return Progress("Checking every row", read, read_percent)
    if job.mode != FeedbackImport.Mode.ALL_OR_NOTHING:
        return Progress("Storing the valid rows", rows, rows_percent)
    if job.processed_rows == 0 and job.bytes_read < job.size:
        phase = "Step 1 of 2: checking every row again before storing any"
        return Progress(phase, read, read_percent)
    return Progress("Step 2 of 2: storing every row", rows, rows_percent)


def saved_mappings_of(*, actor: User) -> QuerySet[SavedMapping]:
    return SavedMapping.objects.filter(organisation_id=actor.organisation_id)


def saved_mapping_access(*, actor: User, mapping_id: int) -> SavedMapping:
    try:
        return saved_mappings_of(actor=actor).select_related("created_by").get(pk=mapping_id)
    except SavedMapping.DoesNotExist:
        raise Http404("No such saved mapping") from None


def saved_mapping_may_change(*, actor: User, saved: SavedMapping) -> bool:
    """Whether ``actor`` may replace or delete ``saved``: whoever saved it, an admin or a CX
    lead."""
    return can_write(actor) and (saved.created_by_id == actor.pk or sees_whole_organisation(actor))


def _percent(part: int, whole: int) -> int:
    return min(100, part * 100 // whole) if whole else 0


def _count(number: int) -> str:
    """With thousands separators, as the templates' ``intcomma`` writes it in the same language."""
    return number_format(number, force_grouping=True)
