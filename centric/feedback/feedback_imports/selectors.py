"""Reads for feedback imports: each person sees the imports they uploaded; saved mappings are
shared across the organisation, and changed or deleted only by whoever saved them, an admin or a
CX lead."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
from django.db.models import Max, Min, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import number_format

from centric.core.permissions import can_write, sees_whole_organisation
from centric.feedback.exports import Cell
from centric.feedback.feedback_imports import reading, refused
from centric.feedback.feedback_imports.problems import all_problems, problems_name
from centric.feedback.models import FeedbackImport, Response, SavedMapping
from centric.people.models import User

# the rows read at a time when the refused rows are looked for in the file again
REFUSED_BATCH_ROWS = 20_000


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


def feedback_import_days(job: FeedbackImport) -> tuple[date, date] | None:
    """The first and last local day of the feedback an import stored; None when it stored none.
    For an import from before responses recorded their import, they are the organisation's
    imported responses stored between the upload and the end of the import: another import
    running meanwhile can widen the days, never leave out one of this import's."""
    if job.status != FeedbackImport.Status.DONE or not job.created_count or not job.finished_at:
        return None
    if job.tracks_responses:
        theirs = feedback_import_responses(job)
    else:
        theirs = Response.objects.filter(
            organisation_id=job.organisation_id,
            channel=Response.Channel.IMPORT,
            created_at__range=(job.created_at, job.finished_at),
        )
    days = theirs.aggregate(first=Min("responded_at"), last=Max("responded_at"))
    if days["first"] is None:
        return None
    return timezone.localdate(days["first"]), timezone.localdate(days["last"])


def feedback_import_responses(job: FeedbackImport) -> QuerySet[Response]:
    """The responses an import stored, those not removed since."""
    return Response.objects.filter(organisation_id=job.organisation_id, feedback_import=job)


def feedback_import_removal_refusal(job: FeedbackImport) -> str:
    """Why an import cannot be taken back, in words; empty when it can."""
    Status = FeedbackImport.Status
    if job.status == Status.REMOVING:
        return "Its responses are being removed."
    if job.status == Status.REMOVED:
        return "Its responses have been removed already."
    if job.status != Status.DONE:
        return "Nothing was imported from this file, so there is nothing to remove."
    if not job.tracks_responses:
        return (
            "This file was imported before Centric recorded which import stored each response, "
            "so its responses cannot be told apart from the others and removed together."
        )
    if not job.created_count:
        return "The import stored no new responses, so there is nothing to remove."
    return ""


@dataclass(frozen=True)
class Removal:
    """What taking an import back would do: of the responses it stored that are still there,
    all are removed but those a case was opened on, which stay with their cases."""

    responses: int
    kept: int

    @property
    def removed(self) -> int:
        return self.responses - self.kept


def feedback_import_removal(job: FeedbackImport) -> Removal:
    return Removal(responses=feedback_import_responses(job).count(), kept=feedback_import_kept(job))


def feedback_import_kept(job: FeedbackImport) -> int:
    """Of the responses an import stored, how many a case was opened on: taking the import
    back keeps them."""
    return feedback_import_responses(job).filter(cases__isnull=False).distinct().count()


def feedback_import_refused_count(job: FeedbackImport) -> int:
    """How many rows ``feedback_import_refused_rows`` gives: every row with a problem where the
    check logged them all (``problems``), without reading the log; else those of the problems
    the import row keeps."""
    if job.file and job.file.storage.exists(problems_name(job)):
        # every problem is a row's but one of the whole file (line 0), which comes first
        return job.error_count - sum(1 for error in job.errors[:1] if not error["line"])
    return len(refused.refused_lines(job.errors))


def feedback_import_refused_rows(job: FeedbackImport) -> Iterator[list[Cell]]:
    """The rows the import's check refused, as its file has them (``refused.refused_rows``),
    read from the stored file again a batch at a time, and only as far as the last of them."""
    with ExitStack() as stack:
        batches: Iterator[pl.DataFrame] = iter(())
        try:
            stream = stack.enter_context(job.file.open("rb"))
            table = reading.open_table(stream, file_format=job.file_format, encoding=job.encoding)
            stack.callback(table.close)
            batches = table.batches(REFUSED_BATCH_ROWS)
        except (OSError, ValueError, reading.FileProblem):
            pass  # the file is gone or no longer opens: the problems alone are left
        for row in refused.refused_rows(job.columns, all_problems(job), batches):
            yield [*row]


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
    if job.status == FeedbackImport.Status.REMOVING:
        going = job.created_count - job.kept_count
        removed = f"{_count(job.removed_count)} of {_count(going)} removed"
        return Progress("Removing the responses", removed, _percent(job.removed_count, going))
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
