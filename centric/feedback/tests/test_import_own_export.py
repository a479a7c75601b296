"""Centric's own export of responses imports back with the survey-tool preset: dated as the export
dates them (in UTC), without the answers started and never sent, with its custom attributes under
their keys, and once however often the same export is imported."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase

from centric.customers.models import Contact, Customer
from centric.feedback import exports, services
from centric.feedback.feedback_imports import reading, validation
from centric.feedback.feedback_imports import services as import_services
from centric.feedback.feedback_imports.mapping import Mapping, suggest
from centric.feedback.feedback_imports.validation import BatchChecker, CheckedBatch, Lookups
from centric.feedback.ingestion import feedback_ingest
from centric.feedback.models import Answer, FeedbackImport, Response, Survey
from centric.people.models import User
from tests.factories import AccountFactory, ContactFactory, SegmentFactory
from tests.personas import PersonasTestCase

ANSWERED_AT = datetime(2024, 3, 1, 10, 15, tzinfo=UTC)
# sent, but never given a date of its own: dated when it was submitted
SUBMITTED_AT = datetime(2024, 3, 3, 23, 30, tzinfo=UTC)
TICKET_AT = datetime(2024, 3, 2, 8, 0, tzinfo=UTC)
SKIPPED = (
    "1 row skipped, as its status is “Started, not finished”: an answer begun and never sent, "
    "which is not feedback."
)


class OwnExportMappingTest(SimpleTestCase):
    def test_the_survey_tool_preset_maps_every_column_of_the_export_it_can_use(self) -> None:
        columns = [
            *exports.COLUMNS,
            exports.WAVE_COLUMN,
            "How likely are you to recommend us? [nps]",
            "attribute: plan",
        ]
        preview = [["7", "Carla Diaz <carla@acme.example>", "Acme", *[""] * (len(columns) - 3)]]
        mapping = suggest(columns, "survey-tool", preview=preview)
        self.assertEqual(
            mapping.columns,
            {
                "score": "score",
                "score_type": "score_type",
                "comment": "comment",
                "responded_at": "responded_at (UTC)",
                "date_fallback": "submitted_at (UTC)",
                "contact_email": "respondent",
                "segment": "segment",
                "stage": "stage",
                "touchpoint": "touchpoint",
                "kind": "kind",
                "channel": "channel",
                "language": "language",
                "external_id": "id",
                "source_ref": "source_ref",
                "status": "status",
            },
        )
        self.assertEqual(mapping.attributes, ["survey", "customer", "attribute: plan"])

    def test_the_skipped_status_is_the_one_the_export_writes(self) -> None:
        self.assertEqual(validation.UNFINISHED_STATUSES, (exports.NOT_SUBMITTED.lower(),))

    def test_a_second_date_column_needs_a_first(self) -> None:
        mapping = Mapping(columns={"score": "score", "date_fallback": "submitted_at (UTC)"})
        self.assertIn(
            "Choose the date column that “submitted_at (UTC)” stands in for where it is empty.",
            mapping.problems(["score", "submitted_at (UTC)"]),
        )


class OwnExportRowsTest(SimpleTestCase):
    """Rows as the export writes them, checked without the database."""

    COLUMNS = ["score", "channel", "attribute: channel", "responded_at (UTC)", "submitted_at (UTC)"]

    def check(self, *rows: list[str]) -> CheckedBatch:
        cells = list(zip(*rows, strict=True))
        batch = pl.DataFrame(
            {
                "line": list(range(2, len(rows) + 2)),
                **{name: [None] * len(rows) for name in ("problem", "problem_column", "overflow")},
                **{reading.cell_name(n): list(column) for n, column in enumerate(cells)},
            },
            schema_overrides={
                name: pl.String for name in ("problem", "problem_column", "overflow")
            },
        )
        mapping = suggest(self.COLUMNS, "survey-tool")
        lookups = Lookups(
            contacts={},
            accounts={},
            customers=set(),
            segments={},
            stages={},
            touchpoints={},
            time_zone="Europe/Berlin",
        )
        checker = BatchChecker(
            mapping=mapping,
            columns=self.COLUMNS,
            lookups=lookups,
            imported_at=datetime(2025, 1, 1, tzinfo=UTC),
        )
        return checker.check(batch, report=len(batch))

    def test_an_attribute_column_gives_its_key_over_the_field_of_the_same_name(self) -> None:
        checked = self.check(
            ["9", "Import", "web", "2024-03-01 10:15:00", ""],
            ["8", "API", "", "2024-03-01 10:15:00", ""],
        )
        self.assertEqual(
            [json.loads(attributes) for attributes in checked.rows["attributes"]],
            [{"channel": "web"}, {"channel": "API"}],
        )

    def test_dates_named_in_utc_are_read_in_utc_the_second_where_the_first_is_empty(self) -> None:
        checked = self.check(
            ["9", "", "", "2024-03-01 10:15:00", "2024-03-02 11:00:00"],
            ["8", "", "", "", "2024-03-03 23:30:00"],
            ["7", "", "", "", "31.02.2024"],
        )
        self.assertEqual(checked.rows["responded_at"].to_list(), [ANSWERED_AT, SUBMITTED_AT])
        self.assertEqual(
            [(error.line, error.column) for error in checked.errors], [(4, "submitted_at (UTC)")]
        )


class OwnExportRoundTripTest(PersonasTestCase):
    survey: Survey
    answered: Response
    late: Response

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = services.survey_create_from_template(
            actor=cls.cx_lead, template="relationship-nps", values={"name": "Pulse"}
        )
        acme = Customer.objects.get(account=cls.account)
        cls.answered = Response.objects.create(
            organisation=cls.org,
            survey=cls.survey,
            customer=acme,
            contact=cls.contact,
            channel=Response.Channel.EMAIL,
            language="de",
            score=9,
            score_type="nps",
            comment="Quick and clear",
            responded_at=ANSWERED_AT,
            submitted_at=ANSWERED_AT,
            attributes={"plan": "Gold", "region": "EMEA"},
        )
        Answer.objects.create(
            response=cls.answered, question=cls.survey.questions.get(key="nps"), number=9
        )
        Response.objects.create(  # started on the open link and never sent
            organisation=cls.org,
            survey=cls.survey,
            customer=acme,
            contact=cls.contact,
            channel=Response.Channel.LINK,
            score=4,
            score_type="nps",
            comment="Half an answer",
        )
        cls.late = Response.objects.create(
            organisation=cls.org,
            survey=cls.survey,
            customer=acme,
            contact=cls.contact,
            channel=Response.Channel.LINK,
            comment="Answered at midnight",
            submitted_at=SUBMITTED_AT,
        )
        feedback_ingest(
            actor=cls.admin,
            batch={
                "items": [
                    {
                        "kind": "ticket",
                        "score": 2,
                        "score_type": "csat",
                        "comment": "Slow to answer",
                        "contact_email": "carla@acme.example",
                        "responded_at": TICKET_AT.isoformat(),
                        "source_ref": "desk-5",
                        "attributes": {"plan": "Gold"},
                    }
                ]
            },
        )
        # where the export is taken to: an organisation in Berlin, with the same customer
        cls.other_org.time_zone = "Europe/Berlin"
        cls.other_org.save()
        segment = SegmentFactory.create(organisation=cls.other_org, name="Enterprise")
        account = AccountFactory.create(organisation=cls.other_org, name="Acme", segment=segment)
        ContactFactory.create(account=account, email="carla@acme.example")

    def exported(self, survey: Survey | None = None) -> bytes:
        """A CSV file as the export pages write it: of one survey, with its questions and waves,
        or of all the feedback the admin sees."""
        responses = exports.responses_for_export(actor=self.admin, survey=survey)
        questions = list(survey.questions.order_by("page", "position")) if survey else []
        rows = exports.export_rows(responses, questions, waves=survey is not None)
        return "".join(exports.csv_lines(rows)).encode("utf-8")

    def imported(
        self, content: bytes, actor: User, mode: str = "keep_valid", name: str = "responses.csv"
    ) -> FeedbackImport:
        job = import_services.feedback_import_start(
            actor=actor, upload=SimpleUploadedFile(name, content), preset="survey-tool"
        )
        with self.captureOnCommitCallbacks(execute=True):
            import_services.feedback_import_map(
                actor=actor, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        self.assertEqual((job.status, job.errors), (FeedbackImport.Status.CHECKED, []))
        with self.captureOnCommitCallbacks(execute=True):
            import_services.feedback_import_apply(actor=actor, job=job, mode=mode)
        job.refresh_from_db()
        return job

    def stored(self, **lookup: Any) -> Response:
        return Response.objects.get(organisation=self.other_org, **lookup)

    def test_an_export_imports_into_another_organisation_as_it_was(self) -> None:
        job = self.imported(self.exported(), self.stranger)
        self.assertEqual(job.status, FeedbackImport.Status.DONE)
        self.assertEqual((job.total_rows, job.valid_rows, job.created_count), (4, 3, 3))
        carla = Contact.objects.get(organisation=self.other_org)
        answered = self.stored(source_ref=f"import:id:survey:{self.answered.pk}")
        self.assertEqual(
            (answered.responded_at, answered.contact, answered.customer),
            (ANSWERED_AT, carla, Customer.objects.get(account=carla.account)),
        )
        self.assertEqual(
            (answered.kind, answered.score, answered.score_type, answered.comment),
            ("survey", 9, "nps", "Quick and clear"),
        )
        self.assertEqual(answered.language, "de")
        self.assertEqual(
            answered.attributes,
            {
                "plan": "Gold",
                "region": "EMEA",
                "channel": "Email invitation",
                "customer": "Acme",
                "segment": "Enterprise",
                "survey": "Pulse",
            },
        )
        late = self.stored(source_ref=f"import:id:survey:{self.late.pk}")
        self.assertEqual((late.responded_at, late.comment), (SUBMITTED_AT, "Answered at midnight"))
        ticket = self.stored(source_ref="desk-5")
        self.assertEqual(
            (ticket.kind, ticket.score, ticket.score_type, ticket.responded_at),
            ("ticket", 2, "csat", TICKET_AT),
        )
        self.assertEqual(ticket.attributes["plan"], "Gold")
        self.assertNotIn("plan", late.attributes)  # an empty cell is no attribute
        unfinished = Response.objects.filter(organisation=self.other_org, comment="Half an answer")
        self.assertFalse(unfinished.exists())

    def test_a_comment_the_export_kept_from_being_a_formula_comes_back_as_written(self) -> None:
        Response.objects.filter(pk=self.late.pk).update(comment="+1 for the new portal")
        exported = self.exported()
        self.assertIn(b"'+1 for the new portal", exported)  # as a spreadsheet must not run it
        self.imported(exported, self.stranger)
        late = self.stored(source_ref=f"import:id:survey:{self.late.pk}")
        self.assertEqual(late.comment, "+1 for the new portal")

    def test_answers_started_and_not_finished_are_skipped_and_the_report_says_so(self) -> None:
        job = self.imported(self.exported(self.survey), self.stranger, mode="all_or_nothing")
        self.assertEqual(job.status, FeedbackImport.Status.DONE)
        self.assertEqual((job.total_rows, job.valid_rows, job.error_count), (3, 2, 0))
        self.assertEqual(job.warnings, [SKIPPED])
        self.assertEqual(
            sorted(Response.objects.filter(organisation=self.other_org).values_list("comment")),
            [("Answered at midnight",), ("Quick and clear",)],
        )
        self.client.force_login(self.stranger)
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, "1 row skipped, as its status is")

    def test_importing_the_same_export_again_adds_nothing(self) -> None:
        content = self.exported()
        first = self.imported(content, self.stranger)
        again = self.imported(content, self.stranger)
        self.assertEqual((first.created_count, first.existing_count), (3, 0))
        self.assertEqual((again.created_count, again.existing_count), (0, 3))
        self.assertEqual(again.warnings, [SKIPPED])
        self.assertEqual(Response.objects.filter(organisation=self.other_org).count(), 3)

    def test_an_export_of_the_imported_responses_is_recognised_by_their_source_refs(self) -> None:
        # exported again from where it was imported, the feedback keeps the references it had
        self.imported(self.exported(), self.stranger)
        refs = set(Response.objects.filter(organisation=self.other_org).values_list("source_ref"))
        rows = exports.export_rows(exports.responses_for_export(actor=self.stranger))
        job = self.imported("".join(exports.csv_lines(rows)).encode(), self.stranger)
        self.assertEqual((job.created_count, job.existing_count), (0, 3))
        self.assertEqual(
            set(Response.objects.filter(organisation=self.other_org).values_list("source_ref")),
            refs,
        )

    def test_a_workbook_export_is_read_in_utc_too(self) -> None:
        rows = exports.export_rows(exports.responses_for_export(actor=self.admin))
        job = self.imported(exports.xlsx_bytes(rows), self.stranger, name="responses.xlsx")
        self.assertEqual((job.created_count, job.warnings), (3, [SKIPPED]))
        dates = Response.objects.filter(organisation=self.other_org).values_list("responded_at")
        self.assertEqual(sorted(dates), [(ANSWERED_AT,), (TICKET_AT,), (SUBMITTED_AT,)])

    def test_a_response_sent_with_a_source_ref_is_recognised_where_it_came_from(self) -> None:
        job = self.imported(self.exported(), self.admin)
        self.assertEqual(job.existing_count, 1)
        self.assertEqual(Response.objects.filter(source_ref="desk-5").count(), 1)
