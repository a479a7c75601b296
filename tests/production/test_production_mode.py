"""Production mode end to end: tasks travel through RabbitMQ to a real worker process that writes
to PostgreSQL; results and the cache live in Redis."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from centric.core.models import Role
from centric.customers import services
from centric.customers.models import Account, ImportJob
from centric.customers.tasks import import_check
from tests.factories import TeamFactory, UserFactory


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_it_runs_on_postgresql_rabbitmq_and_redis() -> None:
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("amqp://")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def test_an_import_is_checked_and_applied_by_a_worker_process(
    worker: subprocess.Popen[str],
) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    TeamFactory.create(organisation=admin.organisation, name="Customer Success")
    data = b"name,external_id,team\nGlobex,CRM-1,Customer Success\nInitech,CRM-2,Nowhere\n"
    job = services.import_job_start(
        actor=admin, kind="accounts", file_name="accounts.csv", content=data
    )
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED)
    job.refresh_from_db()
    assert (job.total_rows, job.valid_rows) == (2, 1)
    assert job.errors == [
        {"line": 3, "column": "team", "message": "There is no team called “Nowhere”."}
    ]
    services.import_job_apply(actor=admin, job=job, mode=ImportJob.Mode.KEEP_VALID)
    wait_for(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE)
    assert list(
        Account.objects.filter(organisation=admin.organisation).values_list("name", flat=True)
    ) == ["Globex"]


def test_task_results_come_back_through_redis(worker: subprocess.Popen[str]) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    job = ImportJob.objects.create(
        organisation=admin.organisation,
        created_by=admin,
        kind="accounts",
        file_name="a.csv",
        content=b"name\nA\n",
    )
    assert import_check.delay(job.pk).get(timeout=60) == "checked"


def test_the_cache_and_login_throttle_live_in_redis(client: object) -> None:
    cache.set("centric-probe", "here", 30)
    server = redis.Redis.from_url(settings.REDIS_URL)
    assert any(b"centric-probe" in key for key in server.keys("*centric-probe*"))
    cache.delete("centric-probe")


def test_a_submitted_response_is_analysed_by_a_worker_process(
    worker: subprocess.Popen[str],
) -> None:
    from centric.feedback import services as feedback_services
    from centric.feedback.models import Response
    from centric.insights.models import ResponseAnalysis, ThemeMention

    lead = UserFactory.create(role=Role.CX_LEAD)
    survey = feedback_services.survey_create_from_template(
        actor=lead, template="relationship-nps", values={"name": "Q4", "open_link": True}
    )
    feedback_services.survey_set_status(actor=lead, survey=survey, status="open")
    response = Response.objects.create(
        organisation=lead.organisation, survey=survey, channel=Response.Channel.LINK
    )
    feedback_services.response_save_page(response=response, page=1, data={"nps": ["2"]})
    feedback_services.response_save_page(
        response=response, page=2, data={"fix_first": ["Billing charged me twice."]}
    )
    wait_for(lambda: ResponseAnalysis.objects.filter(response=response).exists())
    assert ResponseAnalysis.objects.get(response=response).sentiment_label == "negative"
    assert ThemeMention.objects.filter(response=response, theme="billing").exists()
