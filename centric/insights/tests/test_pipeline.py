"""The pipeline: every arriving comment is read and its reading stored, queryable by theme."""

from __future__ import annotations

import io
import json
import threading
from datetime import timedelta
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from centric.core import clock
from centric.feedback import services as feedback_services
from centric.feedback.feedback_imports import services as import_services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.models import Response
from centric.insights import receivers, services, tasks
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.insights.services import analysis
from centric.people.services import api_token_create
from tests.factories import UserFactory
from tests.personas import PersonasTestCase


class PipelineTestCase(PersonasTestCase):
    def response(self, comment: str, **values: Any) -> Response:
        return Response.objects.create(
            organisation=values.pop("organisation", self.org),
            kind=Response.Kind.REVIEW,
            comment=comment,
            **{"channel": Response.Channel.API, **values},
        )

    def stored(self) -> list[tuple[Any, ...]]:
        analyses = ResponseAnalysis.objects.order_by("response_id").values_list(
            "response_id", "sentiment_label", "sentiment_score", "reading"
        )
        mentions = ThemeMention.objects.order_by("response_id", "theme").values_list(
            "response_id", "theme", "confidence", "sentiment_label"
        )
        return [*analyses, *mentions]


class ArrivalTest(PipelineTestCase):
    def test_a_submitted_survey_comment_is_analysed_with_its_themes(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="relationship-nps", values={"name": "Q4"}
        )
        feedback_services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")
        (invitation,), _ = feedback_services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        url = reverse("feedback:respond", args=[invitation.token])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"page": "1", "nps": "3"})
        self.assertFalse(ResponseAnalysis.objects.exists())  # not submitted yet

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                url, {"page": "2", "fix_first": "Billing charged me twice and nobody refunded it."}
            )
        analysis = ResponseAnalysis.objects.get()
        self.assertEqual(analysis.response, Response.objects.get())
        self.assertEqual((analysis.organisation, analysis.sentiment_label), (self.org, "negative"))
        self.assertEqual(analysis.reading["sentiment"]["label"], "negative")
        mention = ThemeMention.objects.get(theme="billing")
        self.assertEqual((mention.organisation, mention.sentiment_label), (self.org, "negative"))

    def test_an_api_batch_is_analysed(self) -> None:
        token = api_token_create(user=self.owner, name="test")[1]
        items = [
            {
                "kind": "review",
                "comment": "Delivery was late again.",
                "contact_email": "carla@acme.example",
            },
            {
                "kind": "review",
                "score": 9,
                "score_type": "nps",
                "customer_id": self.account.customer.pk,
            },
        ]
        with self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                "/api/feedback",
                json.dumps({"items": items}),
                content_type="application/json",
                headers={"Authorization": f"Bearer {token}"},
            )
        self.assertEqual(answer.status_code, 201)
        with_comment = Response.objects.get(comment="Delivery was late again.")
        # the score-only item has nothing to read
        self.assertEqual(
            list(ResponseAnalysis.objects.values_list("response", flat=True)), [with_comment.pk]
        )
        self.assertTrue(ThemeMention.objects.filter(response=with_comment, theme="delivery"))

    def test_an_imported_file_is_analysed(self) -> None:
        content = b"Date,Rating,Review\n2024-01-01,5,Love it\n2024-01-02,2,The app crashes daily\n"
        job = import_services.feedback_import_start(
            actor=self.admin, upload=SimpleUploadedFile("r.csv", content), preset="app-store"
        )
        with self.captureOnCommitCallbacks(execute=True):
            import_services.feedback_import_map(
                actor=self.admin, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            import_services.feedback_import_apply(actor=self.admin, job=job, mode="all_or_nothing")
        self.assertEqual(Response.objects.count(), 2)
        self.assertEqual(
            dict(ResponseAnalysis.objects.values_list("response__comment", "sentiment_label")),
            {"Love it": "positive", "The app crashes daily": "negative"},
        )

    def test_outside_eager_mode_the_task_leaves_from_the_batcher_s_thread(self) -> None:
        senders: list[tuple[str, list[int]]] = []
        sent = threading.Event()

        def send(ids: list[int]) -> None:
            senders.append((threading.current_thread().name, ids))
            sent.set()

        self.addCleanup(setattr, tasks.analyse_responses.app.conf, "task_always_eager", True)
        tasks.analyse_responses.app.conf.task_always_eager = False
        with mock.patch.object(receivers.analysis_batcher, "send", send):
            token = api_token_create(user=self.owner, name="test")[1]
            with self.captureOnCommitCallbacks(execute=True):
                posted = self.client.post(
                    "/api/feedback",
                    {
                        "items": [
                            {
                                "kind": "review",
                                "comment": "Late again.",
                                "contact_email": "carla@acme.example",
                            }
                        ]
                    },
                    content_type="application/json",
                    headers={"Authorization": f"Bearer {token}"},
                )
            self.assertEqual(posted.status_code, 201, posted.content)
            self.assertTrue(sent.wait(timeout=10))
        self.assertEqual(senders, [("analysis-batcher", [Response.objects.get().pk])])
        self.assertFalse(ResponseAnalysis.objects.exists())  # the worker's job, not the request's


class MissedTest(PipelineTestCase):
    """The sweep: feedback whose analysis task was lost is analysed within minutes."""

    def stored_ago(
        self, minutes: int, comment: str = "Billing charged me twice.", **values: Any
    ) -> Response:
        response = self.response(comment, **values)
        Response.objects.filter(pk=response.pk).update(
            created_at=clock.now() - timedelta(minutes=minutes)
        )
        return response

    def test_announced_feedback_left_unread_is_analysed_oldest_first(self) -> None:
        submitted = self.stored_ago(10, submitted_at=clock.now())
        imported = self.stored_ago(5, channel=Response.Channel.IMPORT)
        self.assertEqual(services.missed_responses(), [submitted.pk, imported.pk])
        self.assertEqual(services.missed_responses(limit=1), [submitted.pk])
        self.assertEqual(tasks.analyse_missed_feedback(), 2)
        self.assertEqual(
            set(ResponseAnalysis.objects.values_list("response", flat=True)),
            {submitted.pk, imported.pk},
        )
        self.assertEqual(services.missed_responses(), [])
        self.assertEqual(tasks.analyse_missed_feedback(), 0)

    def test_what_is_not_due_for_analysis_or_still_on_its_way_is_left(self) -> None:
        self.stored_ago(1, submitted_at=clock.now())  # its task may still be in the queue
        self.stored_ago(10, channel=Response.Channel.EMAIL)  # a survey not finished yet
        self.stored_ago(10, "", submitted_at=clock.now())  # nothing to read
        analysed = self.stored_ago(10, submitted_at=clock.now())
        services.responses_analyse(response_ids=[analysed.pk])
        self.assertEqual(services.missed_responses(), [])


class AnalysisTest(PipelineTestCase):
    def test_analysing_twice_leaves_the_same_rows(self) -> None:
        ids = [
            self.response("Great support, but billing charged me twice.").pk,
            self.response("Delivery was quick and the price fair.").pk,
        ]
        services.responses_analyse(response_ids=ids)
        first = self.stored()
        services.responses_analyse(response_ids=ids)
        self.assertEqual(self.stored(), first)
        self.assertEqual(ResponseAnalysis.objects.count(), 2)
        self.assertGreater(ThemeMention.objects.count(), 2)

    def test_a_changed_comment_replaces_its_themes(self) -> None:
        response = self.response("Billing charged me twice.")
        services.responses_analyse(response_ids=[response.pk])
        Response.objects.filter(pk=response.pk).update(comment="Delivery was late.")
        services.responses_analyse(response_ids=[response.pk])
        self.assertEqual(list(ThemeMention.objects.values_list("theme", flat=True)), ["delivery"])

    def test_the_reading_of_a_comment_that_is_gone_goes_with_it(self) -> None:
        # a respondent who edits a sent response can leave it without its comment
        response = self.response("Mr Weber was brilliant.")
        services.responses_analyse(response_ids=[response.pk])
        Response.objects.filter(pk=response.pk).update(comment="")
        self.assertEqual(services.responses_analyse(response_ids=[response.pk]), 0)
        self.assertEqual(self.stored(), [])

    def test_a_response_removed_while_it_was_read_is_left_out(self) -> None:
        # an import taken back while the worker reads its comments
        kept, removed = (self.response(f"Billing charged us twice, {n}.") for n in range(2))
        read = analysis.responses_read(response_ids=[kept.pk, removed.pk])
        removed.delete()
        analysis.readings_store(read)
        self.assertEqual(
            list(ResponseAnalysis.objects.values_list("response", flat=True)), [kept.pk]
        )
        self.assertEqual(set(ThemeMention.objects.values_list("response", flat=True)), {kept.pk})

    def test_reanalysing_an_organisation_covers_every_response_with_a_comment(self) -> None:
        commented = [self.response(f"Support call number {n} was slow.") for n in range(5)]
        self.response("", score=9, score_type="nps")
        self.response("Not ours.", organisation=self.other_org)
        with self.captureOnCommitCallbacks(execute=True):
            job = services.reanalysis_start(organisation_id=self.org.pk, reason="test")
        job.refresh_from_db()
        self.assertEqual((job.status, job.total, job.done), ("done", 5, 5))
        self.assertEqual(
            sorted(ResponseAnalysis.objects.values_list("response", flat=True)),
            [response.pk for response in commented],
        )

    def test_the_command_analyses_what_is_not_analysed_yet(self) -> None:
        done = self.response("Great service.")
        services.responses_analyse(response_ids=[done.pk])
        self.response("Slow delivery.")
        self.response("Elsewhere too.", organisation=self.other_org)
        out = io.StringIO()
        call_command("analyse_feedback", organisation=self.org.slug, stdout=out)
        self.assertIn("Analysed 1 response.", out.getvalue())
        self.assertEqual(ResponseAnalysis.objects.filter(organisation=self.org).count(), 2)
        self.assertFalse(ResponseAnalysis.objects.filter(organisation=self.other_org).exists())


class PraiseTest(PipelineTestCase):
    def test_praise_names_the_person_from_the_directory(self) -> None:
        self.teammate.first_name, self.teammate.last_name = "Tom", "Berger"
        self.teammate.save()
        response = self.response("Tom Berger was wonderful and sorted it out in minutes.")
        services.responses_analyse(response_ids=[response.pk])
        analysis = ResponseAnalysis.objects.get()
        self.assertTrue(analysis.praise)
        self.assertEqual(
            [(p["id"], p["name"]) for p in analysis.reading["praised"]],
            [(f"person:{self.teammate.pk}", "Tom Berger")],
        )

    def test_another_organisations_people_are_not_in_the_directory(self) -> None:
        UserFactory.create(organisation=self.other_org, first_name="Zelda", last_name="Quist")
        members = services.directory_members(organisation_id=self.org.pk)
        self.assertNotIn("Zelda Quist", [member.name for member in members])
        self.assertIn("Customer Success", [member.name for member in members])
        response = self.response("Zelda Quist was wonderful, thank you!")
        services.responses_analyse(response_ids=[response.pk])
        analysis = ResponseAnalysis.objects.get()
        self.assertEqual((analysis.praise, analysis.reading["praised"]), (True, []))
