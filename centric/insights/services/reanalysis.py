"""Reading an organisation's history again, in the background, shared across the workers.

``reanalysis_start`` records the job; a worker plans it (``reanalysis_plan``: the responses with a
comment cut into id ranges, one task each), and the workers run the chunks
(``reanalysis_chunk_run``). A newer job supersedes a running one, whose remaining chunks then do
nothing: the newer one reads everything with the newest taxonomy anyway."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models import F, QuerySet

from centric.core import clock
from centric.core.permissions import require_org_wide
from centric.insights.models import Reanalysis, ReanalysisChunk
from centric.insights.services.analysis import readings_store, responses_read, with_comments
from centric.insights.taxonomy import organisation_taxonomy
from centric.people.models import User

CHUNK_SIZE = 1000


def reanalysis_start(*, organisation_id: int, reason: str, actor: User | None = None) -> Reanalysis:
    """Start reading every comment of the organisation again, once the caller's transaction
    commits; a re-analysis still running is superseded."""
    from centric.insights.tasks import plan_reanalysis

    now = clock.now()
    Reanalysis.objects.filter(
        organisation_id=organisation_id,
        status__in=[Reanalysis.Status.PLANNING, Reanalysis.Status.RUNNING],
    ).update(status=Reanalysis.Status.SUPERSEDED, finished_at=now, updated_at=now)
    job = Reanalysis.objects.create(
        organisation_id=organisation_id,
        reason=reason[:200],
        version=organisation_taxonomy(organisation_id=organisation_id).version,
        started_by=actor,
    )
    transaction.on_commit(partial(plan_reanalysis.delay, job.pk))
    return job


def reanalysis_request(*, actor: User) -> Reanalysis:
    """A person asks for the history to be read again (after an engine upgrade, say)."""
    require_org_wide(actor)
    return reanalysis_start(
        organisation_id=actor.organisation_id,
        reason=f"Asked for by {actor.get_full_name() or actor.email}",
        actor=actor,
    )


def reanalysis_plan(*, reanalysis_id: int, chunk_size: int = CHUNK_SIZE) -> int:
    """Cut the job into chunks of ``chunk_size`` responses and queue one task per chunk.
    Returns the number of chunks; planning a job twice plans it once."""
    from centric.insights.tasks import reanalyse_chunk

    with transaction.atomic():
        job = (
            Reanalysis.objects.select_for_update()
            .filter(pk=reanalysis_id, status=Reanalysis.Status.PLANNING)
            .first()
        )
        if job is None:
            return 0
        ids = with_comments(job.organisation_id).order_by("pk").values_list("pk", flat=True)
        chunks, current = [], []
        for pk in ids.iterator(chunk_size=20_000):
            current.append(pk)
            if len(current) == chunk_size:
                chunks.append(_chunk(job, current))
                current = []
        if current:
            chunks.append(_chunk(job, current))
        ReanalysisChunk.objects.bulk_create(chunks, batch_size=2000)
        job.total = sum(chunk.size for chunk in chunks)
        job.chunks = len(chunks)
        job.status = Reanalysis.Status.RUNNING if chunks else Reanalysis.Status.DONE
        job.finished_at = None if chunks else clock.now()
        job.save(update_fields=["total", "chunks", "status", "finished_at", "updated_at"])
        chunk_ids = [chunk.pk for chunk in chunks]
        transaction.on_commit(lambda: [reanalyse_chunk.delay(pk) for pk in chunk_ids])
    return len(chunk_ids)


def reanalysis_chunk_run(*, chunk_id: int) -> int:
    """Read one chunk's comments again, then store the readings and count the chunk as done in
    one short transaction (the reading, seconds of work, stays out of it: on SQLite a write
    transaction holds off every other writer). Idempotent: a chunk already done, done by another
    worker meanwhile, or of a superseded job is skipped. Returns the number of responses
    analysed."""
    chunk = _runnable(ReanalysisChunk.objects.all(), chunk_id)
    if chunk is None:
        return 0
    ids = with_comments(chunk.reanalysis.organisation_id).filter(
        pk__gte=chunk.first_id, pk__lte=chunk.last_id
    )
    read = responses_read(response_ids=ids.values_list("pk", flat=True))
    with transaction.atomic():
        locked = ReanalysisChunk.objects.select_for_update(skip_locked=True, of=("self",))
        chunk = _runnable(locked, chunk_id)
        if chunk is None:
            return 0
        analysed = readings_store(read)
        chunk.done = True
        chunk.save(update_fields=["done"])
        now = clock.now()
        jobs = Reanalysis.objects.filter(pk=chunk.reanalysis_id)
        jobs.update(done=F("done") + chunk.size, chunks_done=F("chunks_done") + 1, updated_at=now)
        # the last chunk to finish closes the job (the updates above are serialised by the row)
        jobs.filter(status=Reanalysis.Status.RUNNING, chunks_done__gte=F("chunks")).update(
            status=Reanalysis.Status.DONE, finished_at=now
        )
    return analysed


def _runnable(chunks: QuerySet[ReanalysisChunk], chunk_id: int) -> ReanalysisChunk | None:
    """The chunk, if it is still to do and its job still running."""
    chunk = chunks.select_related("reanalysis").filter(pk=chunk_id, done=False).first()
    if chunk is None or chunk.reanalysis.status != Reanalysis.Status.RUNNING:
        return None
    return chunk


def _chunk(job: Reanalysis, ids: list[int]) -> ReanalysisChunk:
    return ReanalysisChunk(reanalysis=job, first_id=ids[0], last_id=ids[-1], size=len(ids))
