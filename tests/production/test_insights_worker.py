"""Insights in production mode: a taxonomy change is re-read by a real worker process on
PostgreSQL (the readings written with COPY), its chunks travelling through RabbitMQ; a worker
learns the organisation's sentiment from its scores and the workers read with it."""

from __future__ import annotations

import subprocess

from centric.core.models import Role
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import (
    Reanalysis,
    ReanalysisChunk,
    ResponseAnalysis,
    SentimentCalibration,
    ThemeMention,
)
from centric.insights.taxonomy import organisation_taxonomy
from tests.factories import UserFactory
from tests.production.test_production_mode import wait_for


def test_a_taxonomy_change_is_reanalysed_by_a_worker(worker: subprocess.Popen[str]) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    organisation = admin.organisation
    responses = Response.objects.bulk_create(
        Response(organisation=organisation, channel="api", comment=comment)
        for comment in ["The car park was full again.", "Billing charged us twice."] * 3
    )
    services.responses_analyse(response_ids=[response.pk for response in responses])
    old_version = organisation_taxonomy(organisation_id=organisation.pk).version

    services.theme_save(actor=admin, values={"name": "parking", "seed_words": ["car park"]})

    job = Reanalysis.objects.get(organisation=organisation)
    wait_for(lambda: Reanalysis.objects.get(pk=job.pk).status == Reanalysis.Status.DONE)
    job.refresh_from_db()
    assert (job.total, job.done, job.chunks_done) == (6, 6, 1)
    readings = ResponseAnalysis.objects.filter(organisation=organisation)
    assert readings.count() == 6
    assert set(readings.values_list("engine_version", flat=True)) == {job.version}
    assert job.version != old_version
    assert ThemeMention.objects.filter(organisation=organisation, theme="parking").count() == 3
    assert ThemeMention.objects.filter(organisation=organisation, theme="billing").count() == 3


def test_a_chunk_run_twice_is_counted_once(transactional_db: None) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    response = Response.objects.create(
        organisation=admin.organisation, channel="api", comment="Late again."
    )
    job = Reanalysis.objects.create(
        organisation=admin.organisation,
        reason="test",
        version="v",
        status="running",
        total=1,
        chunks=1,
    )
    chunk = ReanalysisChunk.objects.create(
        reanalysis=job, first_id=response.pk, last_id=response.pk, size=1
    )
    assert services.reanalysis_chunk_run(chunk_id=chunk.pk) == 1
    assert services.reanalysis_chunk_run(chunk_id=chunk.pk) == 0
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 1)


def test_a_worker_learns_the_organisations_sentiment_and_reads_with_it(
    worker: subprocess.Popen[str],
) -> None:
    """The learnt model travels through PostgreSQL to the worker processes that read with it."""
    lead = UserFactory.create(role=Role.CX_LEAD)
    organisation = lead.organisation
    examples = [(f"Order {n} came early, thank you.", 10) for n in range(25)]
    examples += [(f"Order {n} was glorbed.", 2) for n in range(25)]
    Response.objects.bulk_create(
        Response(
            organisation=organisation, channel="import", comment=text, score=score, score_type="nps"
        )
        for text, score in examples
    )
    ticket = Response.objects.create(
        organisation=organisation, channel="api", kind="ticket", comment="My parcel was glorbed."
    )

    calibration = services.calibration_request(actor=lead)

    wait_for(lambda: Reanalysis.objects.filter(organisation=organisation, status="done").exists())
    calibration.refresh_from_db()
    assert calibration.status == SentimentCalibration.Status.READY
    assert calibration.learnt_f1 is not None
    assert calibration.default_f1 is not None
    assert calibration.learnt_f1 > calibration.default_f1
    reading = ResponseAnalysis.objects.get(response=ticket)
    assert reading.sentiment_label == "negative"
    assert reading.engine_version == organisation_taxonomy(organisation_id=organisation.pk).version
