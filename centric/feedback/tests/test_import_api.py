"""Importing feedback files through the JSON API: the journey the pages take, with the same
checks, scopes and roles."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from centric.core.models import Role
from centric.feedback.models import FeedbackImport, Response, SavedMapping
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

SURVEY_EXPORT = (
    b"Response ID,Submitted at,Email,NPS,Comment\n"
    b"R1,2024-03-01,carla@acme.example,9,Quick and clear\n"
    b"R2,2024-03-02,carla@acme.example,11,Too high\n"
    b"R3,2024-03-03,nobody@nowhere.example,7,Who am I\n"
    b"R4,2024-03-04,carla@acme.example,3,Slow delivery\n"
)
SURVEY_MAPPING: dict[str, Any] = {
    "columns": {
        "external_id": "Response ID",
        "responded_at": "Submitted at",
        "contact_email": "Email",
        "score": "NPS",
        "comment": "Comment",
    },
    "score_type": "nps",
    "kind": "survey",
}
GOOD_EXPORT = b"Response ID,Email,NPS\nG1,carla@acme.example,9\nG2,carla@acme.example,8\n"


class FeedbackImportApiTestCase(PersonasTestCase):
    def as_(self, user: object) -> dict[str, str]:
        _, secret = api_token_create(user=user, name="test")  # type: ignore[arg-type]
        return {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, user: object) -> Any:
        return self.client.get(f"/api{path}", headers=self.as_(user))

    def send(self, method: str, path: str, user: object, body: object = None) -> Any:
        """A write, with the background work it queues run as the worker would."""
        with self.captureOnCommitCallbacks(execute=True):
            return getattr(self.client, method)(
                f"/api{path}",
                json.dumps(body) if body is not None else None,
                content_type="application/json",
                headers=self.as_(user),
            )

    def upload(
        self, user: object, content: bytes = SURVEY_EXPORT, name: str = "export.csv", **form: Any
    ) -> Any:
        return self.client.post(
            "/api/feedback-imports",
            {"file": SimpleUploadedFile(name, content), **form},
            headers=self.as_(user),
        )

    def checked(
        self, user: object, content: bytes = SURVEY_EXPORT, name: str = "export.csv", **form: Any
    ) -> dict[str, Any]:
        """An import uploaded and checked with its proposed mapping."""
        job = self.upload(user, content, name, **form).json()
        mapped = self.send("put", f"/feedback-imports/{job['id']}/mapping", user, job["mapping"])
        self.assertEqual(mapped.status_code, 202, mapped.content)
        checked: dict[str, Any] = self.get(f"/feedback-imports/{job['id']}", user).json()
        return checked

    def assert_refused(self, response: Any, field: str, reason: str) -> None:
        self.assertEqual(response.status_code, 422, response.content)
        refusals = {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}
        self.assertIn(("body", field), refusals)
        self.assertIn(reason, refusals["body", field])


class FeedbackImportJourneyApiTest(FeedbackImportApiTestCase):
    def test_a_file_is_uploaded_mapped_checked_and_its_good_rows_stored_once(self) -> None:
        uploaded = self.upload(self.owner)
        self.assertEqual(uploaded.status_code, 202, uploaded.content)
        job = uploaded.json()
        self.assertEqual(
            (job["status"], job["file_name"], job["file_format"], job["encoding"]),
            ("mapping", "export.csv", "csv", "UTF-8"),
        )
        self.assertEqual(job["columns"], ["Response ID", "Submitted at", "Email", "NPS", "Comment"])
        self.assertEqual(len(job["preview"]), 4)
        self.assertEqual(job["preview"][3][4], "Slow delivery")
        self.assertEqual(job["mapping"]["columns"]["score"], "NPS")
        self.assertEqual(job["mapping"]["score_type"], "nps")

        mapped = self.send(
            "put", f"/feedback-imports/{job['id']}/mapping", self.owner, SURVEY_MAPPING
        )
        self.assertEqual((mapped.status_code, mapped.json()["status"]), (202, "checking"))

        job = self.get(f"/feedback-imports/{job['id']}", self.owner).json()
        self.assertEqual(job["status"], "checked")
        self.assertEqual(
            (job["total_rows"], job["valid_rows"], job["error_count"], job["new_rows"]),
            (4, 2, 2, 2),
        )
        self.assertEqual(
            job["errors"],
            [
                {"line": 3, "column": "NPS", "message": "11 is out of range for NPS (0–10)."},
                {
                    "line": 4,
                    "column": "Email",
                    "message": "No contact of yours has the email nobody@nowhere.example.",
                },
            ],
        )
        self.assertIsNone(job["progress"])
        self.assertEqual(Response.objects.count(), 0)

        applied = self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        self.assertEqual(applied.status_code, 202, applied.content)
        job = self.get(f"/feedback-imports/{job['id']}", self.owner).json()
        self.assertEqual(
            (job["status"], job["mode"], job["created_count"]), ("done", "keep_valid", 2)
        )
        self.assertEqual(sorted(Response.objects.values_list("score", flat=True)), [3, 9])

        again = self.checked(self.owner)
        self.assertEqual((again["existing_count"], again["new_rows"]), (2, 0))
        self.send(
            "post", f"/feedback-imports/{again['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        again = self.get(f"/feedback-imports/{again['id']}", self.owner).json()
        self.assertEqual((again["status"], again["created_count"]), ("done", 0))
        self.assertEqual(Response.objects.count(), 2)

        listed = self.get("/feedback-imports", self.owner).json()
        self.assertEqual([item["id"] for item in listed["items"]], [again["id"], job["id"]])
        self.assertEqual(listed["count"], 2)

    def test_every_row_or_none_is_refused_when_rows_are_bad_and_nothing_is_stored(self) -> None:
        job = self.checked(self.owner)
        refused = self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "all_or_nothing"}
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(
            refused.json(),
            {"detail": "Some rows are invalid, so importing every row is not possible."},
        )
        self.assertEqual(
            self.get(f"/feedback-imports/{job['id']}", self.owner).json()["status"], "checked"
        )
        self.assertEqual(Response.objects.count(), 0)

    def test_every_row_of_a_good_file_is_stored_with_all_or_nothing(self) -> None:
        job = self.checked(self.owner, GOOD_EXPORT)
        self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "all_or_nothing"}
        )
        self.assertEqual(
            self.get(f"/feedback-imports/{job['id']}", self.owner).json()["created_count"], 2
        )

    def test_an_unknown_mode_is_refused_naming_it(self) -> None:
        job = self.checked(self.owner)
        refused = self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "some"}
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"][-1], "mode")

    def test_a_cancelled_import_imports_nothing_and_cannot_be_applied(self) -> None:
        job = self.checked(self.owner)
        cancelled = self.send("post", f"/feedback-imports/{job['id']}/cancel", self.owner)
        self.assertEqual((cancelled.status_code, cancelled.json()["status"]), (200, "cancelled"))
        refused = self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(Response.objects.count(), 0)

    def test_the_progress_says_how_far_an_import_is(self) -> None:
        job = self.checked(self.owner, GOOD_EXPORT)
        FeedbackImport.objects.filter(pk=job["id"]).update(
            status="importing", mode="all_or_nothing", bytes_read=job["size"], processed_rows=1
        )
        job = self.get(f"/feedback-imports/{job['id']}", self.owner).json()
        self.assertEqual(
            job["progress"],
            {"phase": "Step 2 of 2: storing every row", "done": "1 of 2 rows done", "percent": 50},
        )


class FeedbackImportFilesApiTest(FeedbackImportApiTestCase):
    def test_an_excel_file_is_read_and_imported(self) -> None:
        book = Workbook()
        book.active.append(["Ticket ID", "Requester email", "Satisfaction score", "Description"])
        book.active.append(["T-1", "carla@acme.example", 4, "Fixed fast"])
        buffer = io.BytesIO()
        book.save(buffer)
        job = self.checked(self.owner, buffer.getvalue(), "tickets.xlsx", preset="help-desk")
        self.assertEqual(
            (job["file_format"], job["preset"], job["valid_rows"]), ("xlsx", "help-desk", 1)
        )
        self.assertEqual(job["mapping"]["kind"], "ticket")
        self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        self.assertEqual(Response.objects.get().score_type, "csat")

    def test_a_utf_16_file_is_read_as_written(self) -> None:
        content = "Email,NPS,Comment\ncarla@acme.example,9,Très bien – 5 €\n".encode("utf-16")
        job = self.checked(self.owner, content)
        self.assertEqual((job["encoding"], job["error_count"]), ("UTF-16", 0))
        self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        self.assertEqual(Response.objects.get().comment, "Très bien – 5 €")

    def test_a_file_that_cannot_be_read_is_kept_as_a_failed_import_saying_where(self) -> None:
        content = b'Email,NPS,Comment\ncarla@acme.example,3,"open\ncarla@acme.example,8,after\n'
        uploaded = self.upload(self.owner, content)
        self.assertEqual(uploaded.status_code, 202)
        job = uploaded.json()
        self.assertEqual(job["status"], "failed")
        self.assertEqual((job["errors"][0]["line"], job["errors"][0]["column"]), (2, "Comment"))

    def test_an_upload_the_form_refuses_names_the_field(self) -> None:
        self.assert_refused(self.upload(self.owner, b""), "file", "The submitted file is empty.")
        self.assert_refused(
            self.upload(self.owner, preset="crm"), "preset", "Select a valid choice."
        )
        elsewhere = SavedMapping.objects.create(organisation=self.other_org, name="Theirs")
        self.assert_refused(
            self.upload(self.owner, saved_mapping_id=elsewhere.pk),
            "saved_mapping_id",
            "Select a valid choice.",
        )
        missing = self.client.post("/api/feedback-imports", {}, headers=self.as_(self.owner))
        self.assertEqual(missing.status_code, 422)
        self.assertEqual(missing.json()["detail"][0]["loc"][-1], "file")
        self.assertFalse(FeedbackImport.objects.exists())


class FeedbackImportMappingApiTest(FeedbackImportApiTestCase):
    def test_a_column_the_file_lacks_is_refused_naming_the_field(self) -> None:
        job = self.upload(self.owner).json()
        mapping = SURVEY_MAPPING | {"columns": {"score": "Rating", "comment": "Comment"}}
        refused = self.send("put", f"/feedback-imports/{job['id']}/mapping", self.owner, mapping)
        self.assert_refused(refused, "columns.score", "Rating is not one of the available choices")
        self.assertEqual(
            self.get(f"/feedback-imports/{job['id']}", self.owner).json()["status"], "mapping"
        )

    def test_a_field_no_column_can_feed_is_refused(self) -> None:
        job = self.upload(self.owner).json()
        mapping = SURVEY_MAPPING | {"columns": {"score": "NPS", "mood": "Comment"}}
        refused = self.send("put", f"/feedback-imports/{job['id']}/mapping", self.owner, mapping)
        self.assertEqual(refused.status_code, 422)
        [error] = refused.json()["detail"]
        self.assertEqual(error["loc"][-1], "columns")
        self.assertIn("No column can feed mood", error["msg"])

    def test_a_bad_kind_and_a_missing_score_type_are_refused_as_on_the_page(self) -> None:
        job = self.upload(self.owner).json()
        url = f"/feedback-imports/{job['id']}/mapping"
        self.assert_refused(
            self.send("put", url, self.owner, SURVEY_MAPPING | {"kind": "rumour"}),
            "kind",
            "Select a valid choice.",
        )
        self.assert_refused(
            self.send("put", url, self.owner, SURVEY_MAPPING | {"score_type": ""}),
            "payload",
            "Choose the score type of the column “NPS”",
        )

    def test_the_mapping_cannot_change_once_the_file_is_imported(self) -> None:
        job = self.checked(self.owner, GOOD_EXPORT)
        self.send(
            "post", f"/feedback-imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"}
        )
        refused = self.send(
            "put", f"/feedback-imports/{job['id']}/mapping", self.owner, job["mapping"]
        )
        self.assertEqual(refused.status_code, 422)
        self.assertIn("can no longer change", refused.json()["detail"])

    def test_a_mapping_saved_by_name_is_offered_for_the_next_file_and_deleted_by_its_owner(
        self,
    ) -> None:
        job = self.upload(self.owner).json()
        self.send(
            "put",
            f"/feedback-imports/{job['id']}/mapping",
            self.owner,
            SURVEY_MAPPING | {"save_as": "Survey tool"},
        )
        [saved] = self.get("/feedback-mappings", self.teammate).json()["items"]
        self.assertEqual((saved["name"], saved["may_change"]), ("Survey tool", False))
        self.assertEqual(saved["mapping"]["columns"], SURVEY_MAPPING["columns"])

        reordered = (
            b"nps,comment,email,submitted at,response id\n9,Fine,carla@acme.example,2024-03-01,R9\n"
        )
        offered = self.upload(self.teammate, reordered, saved_mapping_id=saved["id"]).json()
        self.assertEqual(offered["mapping"]["columns"]["score"], "nps")
        self.assertEqual(offered["mapping"]["columns"]["external_id"], "response id")

        refused = self.send("delete", f"/feedback-mappings/{saved['id']}", self.teammate)
        self.assertEqual(refused.status_code, 403)
        self.assertIn("only they, an admin or a CX lead", refused.json()["detail"])
        self.assertTrue(SavedMapping.objects.filter(pk=saved["id"]).exists())
        self.assertTrue(self.get("/feedback-mappings", self.owner).json()["items"][0]["may_change"])
        self.assertEqual(
            self.send("delete", f"/feedback-mappings/{saved['id']}", self.owner).status_code, 204
        )
        self.assertFalse(SavedMapping.objects.exists())

    def test_a_cx_lead_may_delete_anyones_saved_mapping(self) -> None:
        saved = SavedMapping.objects.create(
            organisation=self.org, name="Old", created_by=self.owner
        )
        self.assertEqual(
            self.send("delete", f"/feedback-mappings/{saved.pk}", self.cx_lead).status_code, 204
        )


class FeedbackImportAccessApiTest(FeedbackImportApiTestCase):
    def test_a_viewer_may_look_but_not_upload_map_or_apply(self) -> None:
        self.assertEqual(self.get("/feedback-imports", self.viewer).status_code, 200)
        refused = self.upload(self.viewer)
        self.assertEqual(refused.status_code, 403)
        self.assertEqual(refused.json(), {"detail": "Viewers can look but not change anything."})
        # a teammate's own import, after they became a viewer
        job = self.checked(self.teammate, GOOD_EXPORT)
        self.teammate.role = Role.VIEWER
        self.teammate.save()
        url = f"/feedback-imports/{job['id']}"
        self.assertEqual(self.get(url, self.teammate).status_code, 200)
        mapped = self.send("put", f"{url}/mapping", self.teammate, job["mapping"])
        applied = self.send("post", f"{url}/apply", self.teammate, {"mode": "keep_valid"})
        self.assertEqual((mapped.status_code, applied.status_code), (403, 403))
        self.assertEqual(self.get(url, self.teammate).json()["status"], "checked")
        self.assertEqual(Response.objects.count(), 0)

    def test_someone_elses_import_is_not_found(self) -> None:
        job = self.upload(self.owner).json()
        for person in (self.stranger, self.teammate):
            self.assertEqual(self.get(f"/feedback-imports/{job['id']}", person).status_code, 404)
            for action, body in (
                ("mapping", SURVEY_MAPPING),
                ("apply", {"mode": "keep_valid"}),
                ("cancel", None),
            ):
                method = "put" if action == "mapping" else "post"
                response = self.send(
                    method, f"/feedback-imports/{job['id']}/{action}", person, body
                )
                self.assertEqual(response.status_code, 404, action)
            self.assertEqual(self.get("/feedback-imports", person).json()["count"], 0)
        saved = SavedMapping.objects.create(
            organisation=self.org, name="Ours", created_by=self.owner
        )
        self.assertEqual(
            self.send("delete", f"/feedback-mappings/{saved.pk}", self.stranger).status_code, 404
        )
        self.assertEqual(self.get("/feedback-mappings", self.stranger).json()["count"], 0)
        self.assertEqual(FeedbackImport.objects.get().status, "mapping")

    def test_without_a_token_every_endpoint_is_401(self) -> None:
        job = self.upload(self.owner).json()
        saved = SavedMapping.objects.create(organisation=self.org, name="Ours")
        upload = {"file": SimpleUploadedFile("export.csv", SURVEY_EXPORT)}
        for method, path, body in (
            ("get", "/api/feedback-imports", None),
            ("post", "/api/feedback-imports", upload),
            ("get", f"/api/feedback-imports/{job['id']}", None),
            ("put", f"/api/feedback-imports/{job['id']}/mapping", SURVEY_MAPPING),
            ("post", f"/api/feedback-imports/{job['id']}/apply", {"mode": "keep_valid"}),
            ("post", f"/api/feedback-imports/{job['id']}/cancel", None),
            ("get", "/api/feedback-mappings", None),
            ("delete", f"/api/feedback-mappings/{saved.pk}", None),
        ):
            response = getattr(self.client, method)(path, body)
            self.assertEqual(response.status_code, 401, path)
        self.assertEqual(FeedbackImport.objects.get().status, "mapping")
        self.assertTrue(SavedMapping.objects.exists())

    def test_the_schema_documents_every_endpoint(self) -> None:
        paths = self.get("/openapi.json", self.owner).json()["paths"]
        documented = {
            path: set(operations) for path, operations in paths.items() if "/feedback-" in path
        }
        self.assertEqual(
            documented,
            {
                "/api/feedback-imports": {"get", "post"},
                "/api/feedback-imports/{import_id}": {"get"},
                "/api/feedback-imports/{import_id}/mapping": {"put"},
                "/api/feedback-imports/{import_id}/apply": {"post"},
                "/api/feedback-imports/{import_id}/cancel": {"post"},
                "/api/feedback-imports/{import_id}/remove": {"post"},
                "/api/feedback-mappings": {"get"},
                "/api/feedback-mappings/{mapping_id}": {"delete"},
            },
        )
        for path in documented:
            for operation in paths[path].values():
                self.assertTrue(operation["summary"], path)
