"""Writes for feedback imports: upload, map, check, import, cancel; and saved mappings.

A file goes through two passes at most, both streamed a batch of rows at a time: the check
(``feedback_import_check``, writes nothing) and the import (``feedback_import_run``). The import
commits a batch at a time together with the progress, so the progress bar — read by another
connection — moves as it goes. With "import nothing on error" the import first checks the whole
file again and writes only if every row is still valid. A file that stops being readable part way
(a quote never closed, text not in its encoding) fails its check: importing the rows before the
problem would quietly leave out the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from queue import Empty, Queue
from threading import Event, Thread
from typing import TypeVar

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils.formats import number_format

from centric.core import clock
from centric.core.audit import audit_record, audited_create, audited_delete, audited_update
from centric.core.models import AuditEvent
from centric.core.permissions import require_write, sees_whole_organisation
from centric.customers.models import Segment
from centric.customers.selectors import (
    accounts_visible_to,
    contacts_visible_to,
    customers_visible_to,
)
from centric.feedback.feedback_imports import reading
from centric.feedback.feedback_imports.mapping import PRESETS, Mapping, suggest
from centric.feedback.feedback_imports.problems import ProblemLog
from centric.feedback.feedback_imports.selectors import (
    feedback_import_kept,
    feedback_import_removal_refusal,
    feedback_import_responses,
    feedback_import_time,
    saved_mapping_may_change,
)
from centric.feedback.feedback_imports.validation import (
    BatchChecker,
    CheckedBatch,
    Lookups,
    RowError,
)
from centric.feedback.feedback_imports.writing import (
    StagedRows,
    refs_already_stored,
    responses_store,
    rows_staged,
)
from centric.feedback.models import (
    FeedbackImport,
    JourneyStage,
    Response,
    SavedMapping,
    Touchpoint,
)
from centric.feedback.signals import feedback_received_send
from centric.people.models import User

MAX_FILE_BYTES = 1024 * 1024 * 1024
BATCH_ROWS = 20_000
# the responses removed at a time when an import is taken back
REMOVE_ROWS = 2_000
MAX_ERRORS_KEPT = 1000
# the new responses are announced in groups of this size, one analysis task each
ANNOUNCE_ROWS = 5000
Prepared = TypeVar("Prepared")


def feedback_import_start(
    *,
    actor: User,
    upload: File,  # type: ignore[type-arg]
    preset: str = "",
    saved_mapping: SavedMapping | None = None,
) -> FeedbackImport:
    """Store the file, read its columns and first rows, and propose a mapping. Nothing is
    checked or imported until the mapping is confirmed."""
    require_write(actor)
    if preset and preset not in PRESETS:
        raise ValidationError(f"Unknown preset “{preset}”.")
    if upload.size and upload.size > MAX_FILE_BYTES:
        raise ValidationError(f"The file is larger than {MAX_FILE_BYTES // 1024**3} GB.")
    file_name = (upload.name or "upload").rsplit("/", 1)[-1][:255]
    head = upload.read(8)
    upload.seek(0)
    job = FeedbackImport(
        organisation_id=actor.organisation_id,
        created_by=actor,
        file_name=file_name,
        file_format=reading.detect_format(file_name, head),
        size=upload.size or 0,
        preset=preset,
    )
    job.file.save(file_name, upload, save=False)
    try:
        with job.file.open("rb") as stream:
            table = reading.open_table(stream, file_format=job.file_format)
            job.encoding, job.columns = table.encoding, table.columns
            job.preview = reading.preview(table)
            table.close()
    except reading.FileProblem as problem:
        job.status = FeedbackImport.Status.FAILED
        job.errors = [RowError(problem.line, problem.column, problem.message).as_dict()]
        job.error_count = 1
        job.finished_at = clock.now()
    proposed = saved_mapping.mapping if saved_mapping else None
    job.mapping = (
        Mapping.from_dict(proposed).fitted_to(job.columns)
        if proposed is not None
        else suggest(job.columns, preset, preview=job.preview)
    ).as_dict()
    job.save()
    return job


def feedback_import_map(
    *, actor: User, job: FeedbackImport, mapping: Mapping, save_as: str = ""
) -> FeedbackImport:
    """Confirm the mapping (saving it under ``save_as`` if given) and check the file in the
    background."""
    _require_uploader(actor, job)
    if job.status not in {FeedbackImport.Status.MAPPING, FeedbackImport.Status.CHECKED}:
        raise ValidationError("This file is already being imported, or was imported.")
    problems = mapping.problems(job.columns)
    if problems:
        raise ValidationError(problems)
    if save_as.strip():
        try:
            saved_mapping_save(actor=actor, name=save_as, mapping=mapping)
        except PermissionDenied as refusal:
            raise ValidationError(f"{refusal} Save this mapping under another name.") from None
    job.mapping = mapping.as_dict()
    job.status = FeedbackImport.Status.CHECKING
    job.errors, job.warnings = [], []
    job.error_count = job.processed_rows = job.bytes_read = 0
    job.save()
    from centric.feedback.feedback_imports.tasks import feedback_import_check as check_task

    transaction.on_commit(lambda: check_task.delay(job.pk))
    return job


def feedback_import_check(*, job: FeedbackImport) -> FeedbackImport:
    """Check every row and count those imported before; write no response."""
    organisation_id = job.organisation_id

    def count_stored(refs: list[str]) -> None:
        scan.existing += len(refs_already_stored(organisation_id=organisation_id, refs=refs))

    scan = _Scan(job)
    scan.run(count_stored, prepare=lambda rows: rows["source_ref"].to_list())
    job.existing_count = scan.existing
    job.status = FeedbackImport.Status.FAILED if scan.unreadable else FeedbackImport.Status.CHECKED
    _save_scan(job, scan)
    return job


def feedback_import_apply(*, actor: User, job: FeedbackImport, mode: str) -> FeedbackImport:
    """Queue the import of a checked file: every row or nothing, or only the valid rows."""
    _require_uploader(actor, job)
    if job.status != FeedbackImport.Status.CHECKED:
        raise ValidationError("This file has already been imported or cancelled.")
    if mode not in FeedbackImport.Mode.values:
        raise ValidationError(f"Unknown import mode “{mode}”.")
    if not job.total_rows:
        raise ValidationError("The file has no rows to import.")
    if mode == FeedbackImport.Mode.ALL_OR_NOTHING and job.error_count:
        raise ValidationError("Some rows are invalid, so importing every row is not possible.")
    job.mode = mode
    job.status = FeedbackImport.Status.IMPORTING
    job.processed_rows = job.bytes_read = 0
    job.save(update_fields=["mode", "status", "processed_rows", "bytes_read", "updated_at"])
    from centric.feedback.feedback_imports.tasks import feedback_import_run as run_task

    transaction.on_commit(lambda: run_task.delay(job.pk))
    return job


def feedback_import_remove(*, actor: User, job: FeedbackImport) -> FeedbackImport:
    """Queue taking an import back: the responses it stored are removed, with their analyses,
    but for those a case was opened on, which stay with their case."""
    _require_uploader(actor, job)
    if refusal := feedback_import_removal_refusal(job):
        raise ValidationError(refusal)
    job.status = FeedbackImport.Status.REMOVING
    job.removed_count = 0
    job.kept_count = feedback_import_kept(job)
    job.save(update_fields=["status", "removed_count", "kept_count", "updated_at"])
    from centric.feedback.feedback_imports.tasks import feedback_import_remove_run as run_task

    transaction.on_commit(lambda: run_task.delay(job.pk))
    return job


def feedback_import_remove_run(*, job: FeedbackImport) -> FeedbackImport:
    """Remove an import's responses a batch at a time, each batch committed with the progress,
    so that the page's bar moves and a worker stopped part way leaves no batch half removed."""
    while ids := _removal_batch(job):
        with transaction.atomic():
            # A case opened on one of them since it was chosen keeps it: locked first (on
            # PostgreSQL a case's reference waits for the lock, then finds its row gone), the
            # rows are then asked again which have no case, in a statement that sees every case
            # committed meanwhile.
            list(Response.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
            # with their answers, analyses and theme mentions (on_delete=CASCADE)
            _, removed = Response.objects.filter(pk__in=ids, cases__isnull=True).delete()
            job.removed_count += removed.get(Response._meta.label, 0)
            _report(job, removed_count=job.removed_count)
    job.kept_count = feedback_import_responses(job).count()
    job.status = FeedbackImport.Status.REMOVED
    job.save(update_fields=["status", "removed_count", "kept_count", "updated_at"])
    audit_record(
        organisation=job.organisation_id,
        actor=job.created_by,
        action=AuditEvent.Action.UPDATE,
        instance=job,
        changes={
            "status": [FeedbackImport.Status.DONE.label, job.get_status_display()],
            "responses removed": [0, job.removed_count],
            "responses kept with their cases": [0, job.kept_count],
        },
    )
    return job


def _removal_batch(job: FeedbackImport) -> list[int]:
    """The next of an import's responses to remove: those no case was opened on."""
    removable = feedback_import_responses(job).filter(cases__isnull=True)
    return list(removable.values_list("pk", flat=True)[:REMOVE_ROWS])


def feedback_import_cancel(*, actor: User, job: FeedbackImport) -> FeedbackImport:
    _require_uploader(actor, job)
    if job.status in {FeedbackImport.Status.MAPPING, FeedbackImport.Status.CHECKED}:
        job.status = FeedbackImport.Status.CANCELLED
        job.finished_at = clock.now()
        job.save(update_fields=["status", "finished_at", "updated_at"])
    return job


def feedback_import_run(*, job: FeedbackImport) -> FeedbackImport:
    """Import a queued file. Rows are checked again as they are read (records may have changed
    since the check); rows stored before are skipped, so importing a file twice stores it once."""
    if job.mode == FeedbackImport.Mode.ALL_OR_NOTHING:
        recheck = _Scan(job, report=lambda scan: _report(job, bytes_read=scan.bytes_read))
        recheck.run(lambda rows: None, prepare=lambda rows: None)
        if recheck.error_count:
            job.status = FeedbackImport.Status.FAILED
            _save_scan(job, recheck)
            return job
    organisation_id, now, vendor = job.organisation_id, clock.now(), connection.vendor
    # the check found none of the file's rows stored: they need not be looked for one by one
    expect_new = job.existing_count == 0

    def store(staged: StagedRows) -> None:
        with transaction.atomic():
            ids = responses_store(
                organisation_id=organisation_id,
                import_id=job.pk,
                staged=staged,
                now=now,
                expect_new=expect_new,
            )
            for start in range(0, len(ids), ANNOUNCE_ROWS):
                feedback_received_send(
                    organisation_id=organisation_id, response_ids=ids[start : start + ANNOUNCE_ROWS]
                )
            scan.created += len(ids)
            scan.existing += len(staged.rows) - len(ids)
            # committed with the batch, the progress costs the database no commit of its own
            _report(
                job,
                processed_rows=scan.total_rows,
                created_count=scan.created,
                existing_count=scan.existing,
            )

    scan = _Scan(job, report=lambda scan: None)
    scan.run(store, prepare=lambda rows: rows_staged(rows, vendor=vendor))
    job.created_count, job.existing_count = scan.created, scan.existing
    job.status = FeedbackImport.Status.DONE
    _save_scan(job, scan)
    audit_record(
        organisation=organisation_id,
        actor=job.created_by,
        action=AuditEvent.Action.IMPORT,
        instance=job,
        changes={"responses": [None, job.created_count]},
    )
    return job


def saved_mapping_save(*, actor: User, name: str, mapping: Mapping) -> SavedMapping:
    """Save a mapping under a name for the whole organisation. A name in use replaces the
    mapping saved under it, if the actor may change that one (``saved_mapping_may_change``)."""
    require_write(actor)
    name = name.strip()[:80]
    saved = SavedMapping.objects.filter(organisation_id=actor.organisation_id, name=name).first()
    if saved is None:
        return audited_create(
            actor=actor,
            organisation_id=actor.organisation_id,
            model=SavedMapping,
            values={"name": name, "mapping": mapping.as_dict(), "created_by": actor},
        )
    _require_mapping_changer(actor, saved)
    return audited_update(actor=actor, instance=saved, values={"mapping": mapping.as_dict()})


def saved_mapping_delete(*, actor: User, saved: SavedMapping) -> None:
    _require_mapping_changer(actor, saved)
    audited_delete(actor=actor, instance=saved)


def lookups_for(actor: User) -> Lookups:
    """What rows may name, within the uploader's scope: their contacts, accounts and customers."""
    org = actor.organisation_id
    contacts = list(
        contacts_visible_to(actor).values_list("email", "pk", "account__customer__id", "language")
    )
    accounts = accounts_visible_to(actor).exclude(external_id="")
    touchpoints = Touchpoint.objects.filter(organisation_id=org)
    return Lookups(
        contacts={email.lower(): (pk, customer) for email, pk, customer, _ in contacts if customer},
        accounts={
            external_id.lower(): customer
            for external_id, customer in accounts.values_list("external_id", "customer__id")
            if customer
        },
        customers=set(customers_visible_to(actor).values_list("pk", flat=True)),
        segments={
            name.lower(): name
            for name in Segment.objects.filter(organisation_id=org).values_list("name", flat=True)
        },
        stages={
            name.lower(): pk
            for name, pk in JourneyStage.objects.filter(organisation_id=org).values_list(
                "name", "pk"
            )
        },
        touchpoints={
            name.lower(): (pk, stage)
            for name, pk, stage in touchpoints.values_list("name", "pk", "stage_id")
        },
        time_zone=actor.organisation.time_zone,
        customer_required=not sees_whole_organisation(actor),
        contact_languages={pk: language for _, pk, _, language in contacts},
    )


def _require_mapping_changer(actor: User, saved: SavedMapping) -> None:
    require_write(actor)
    if not saved_mapping_may_change(actor=actor, saved=saved):
        by = f" by {saved.created_by}" if saved.created_by else ""
        raise PermissionDenied(
            f"The mapping “{saved.name}” was saved{by}: only they, an admin or a CX lead can "
            "change or delete it."
        )


def _require_uploader(actor: User, job: FeedbackImport) -> None:
    require_write(actor)
    if job.created_by_id != actor.pk:
        raise PermissionDenied("Only the person who uploaded the file can do this.")


@dataclass
class _Scan:
    """One streamed pass over a job's file: checks each batch of rows and hands the valid ones
    on, made ready by ``prepare`` in the reading thread; reports progress after each batch."""

    job: FeedbackImport
    report: Callable[[_Scan], None] | None = None
    total_rows: int = 0
    valid_rows: int = 0
    error_count: int = 0
    skipped: int = 0  # answers started and not finished, neither imported nor problems
    bytes_read: int = 0
    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first MAX_ERRORS_KEPT
    unreadable: RowError | None = None  # where the file stopped being readable, and why
    log: ProblemLog = field(default_factory=ProblemLog)  # every problem

    def run(
        self,
        on_batch: Callable[[Prepared], None],
        prepare: Callable[[pl.DataFrame], Prepared],
    ) -> None:
        job = self.job
        report = self.report or (lambda scan: _report(job, bytes_read=scan.bytes_read))
        mapping = Mapping.from_dict(job.mapping)
        try:
            with job.file.open("rb") as stream:
                table = reading.open_table(
                    stream, file_format=job.file_format, encoding=job.encoding
                )
                try:
                    problems = mapping.problems(table.columns)
                    if problems:
                        raise reading.FileProblem(0, " ".join(problems))
                    checker = BatchChecker(
                        mapping=mapping,
                        columns=table.columns,
                        lookups=lookups_for(job.created_by),
                        imported_at=feedback_import_time(job),
                    )

                    def checked_batches() -> Iterator[tuple[CheckedBatch, Prepared]]:
                        for batch in table.batches(BATCH_ROWS):
                            checked = checker.check(batch, report=len(batch))
                            yield checked, prepare(checked.rows)

                    with closing(_read_ahead(checked_batches())) as ahead:
                        for checked, prepared in ahead:
                            self.total_rows += len(checked.rows) + checked.invalid + checked.skipped
                            self.valid_rows += len(checked.rows)
                            self.skipped += checked.skipped
                            self.error_count += checked.invalid
                            self._keep(checked.errors)
                            self.log.write(checked.errors)
                            on_batch(prepared)
                            self.bytes_read = int(table.progress() * job.size)
                            report(self)
                finally:
                    table.close()
        except reading.FileProblem as problem:
            # the file stops being readable here; the reason comes first, whatever else was found
            self.error_count += 1
            self.unreadable = RowError(problem.line, problem.column, problem.message)
            self.errors = [self.unreadable, *self.errors[: MAX_ERRORS_KEPT - 1]]
            self.log.write([self.unreadable])

    def _keep(self, errors: list[RowError]) -> None:
        self.errors.extend(errors[: max(MAX_ERRORS_KEPT - len(self.errors), 0)])


def _read_ahead(items: Iterator[Prepared]) -> Generator[Prepared]:
    """``items``, each made in a thread while the one before is used: the next batch is read and
    checked (mostly in C and Polars, which let go of the GIL) while the database stores this one.
    The thread runs at most one batch ahead, and never touches the database."""
    ready: Queue[tuple[Prepared | None, Exception | None]] = Queue(maxsize=1)
    stop = Event()

    def make() -> None:
        try:
            for item in items:
                ready.put((item, None))
                if stop.is_set():
                    return
        except Exception as exc:  # raised again in the caller's thread
            ready.put((None, exc))
            return
        ready.put((None, None))

    maker = Thread(target=make, name="feedback-import-reader", daemon=True)
    maker.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is None:
                return
            yield item
    finally:
        stop.set()
        while maker.is_alive():  # let it finish the batch in hand, and drop it
            with suppress(Empty):
                ready.get(timeout=0.1)


def _report(job: FeedbackImport, **progress: int) -> None:
    """Progress for the page to show, which reads it through another connection: committed at
    once, or with the batch whose transaction it is called in."""
    FeedbackImport.objects.filter(pk=job.pk).update(**progress)


def _skipped_warning(skipped: int) -> str:
    """Why the report's rows in the file are more than its valid rows and rows with problems."""
    rows = f"{number_format(skipped, force_grouping=True)} row{'s' if skipped != 1 else ''}"
    return (
        f"{rows} skipped, as {'their' if skipped != 1 else 'its'} status is “Started, not "
        "finished”: an answer begun and never sent, which is not feedback."
    )


def _save_scan(job: FeedbackImport, scan: _Scan) -> None:
    job.total_rows, job.valid_rows = scan.total_rows, scan.valid_rows
    job.processed_rows = scan.total_rows
    job.bytes_read = job.size
    job.error_count = scan.error_count
    job.errors = [error.as_dict() for error in scan.errors]
    job.warnings = [_skipped_warning(scan.skipped)] if scan.skipped else []
    scan.log.save(job)
    job.finished_at = clock.now() if job.status != FeedbackImport.Status.CHECKED else None
    job.save()
