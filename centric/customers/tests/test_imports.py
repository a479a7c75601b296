"""Importing accounts and contacts: every bad row reported with its line, column and reason;
nothing or only the good rows kept, as the user chooses; a re-run adds no duplicates."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from centric.customers import imports, services
from centric.customers.models import Account, Contact, ImportJob
from tests.personas import PersonasTestCase

ACCOUNTS = (
    "Name,External ID,Segment,Lifecycle stage,Tier,Annual value,Owner email,Team,Country,Notes\n"
    "Globex,CRM-100,Enterprise,Active,Key,250000,owner@northwind.example,Customer Success,US,\n"
    'Initech,CRM-101,,at risk,core,12000,,Customer Success,DE,"Two lines\nof notes"\n'
    "Umbrella,CRM-102,Enterprize,Active,Core,lots,nobody@northwind.example,Customer Success,FR,\n"
    "Globex again,CRM-100,,,,,,Customer Success,,\n"
)


def errors_by_line(checked: imports.Checked) -> dict[int, set[tuple[str, str]]]:
    found: dict[int, set[tuple[str, str]]] = {}
    for error in checked.errors:
        found.setdefault(error.line, set()).add((error.column, error.message))
    return found


class CheckTest(PersonasTestCase):
    def test_every_bad_row_is_reported_with_its_line_column_and_reason(self) -> None:
        checked = imports.check(actor=self.owner, kind="accounts", data=ACCOUNTS.encode())
        self.assertEqual(checked.total_rows, 4)
        self.assertEqual([row.line for row in checked.valid], [2, 3])
        found = errors_by_line(checked)
        # line 3's notes span two lines, so Umbrella starts on line 5
        self.assertEqual(set(found), {5, 6})
        self.assertIn(("segment", "There is no segment called “Enterprize”."), found[5])
        self.assertIn(
            ("owner_email", "Nobody in your organisation has the email nobody@northwind.example."),
            found[5],
        )
        self.assertIn(("", "This row repeats line 2 (same CRM id or name)."), found[6])
        self.assertEqual(Account.objects.count(), 1)  # checking writes nothing

    def test_form_rules_apply_to_each_row(self) -> None:
        data = "name,annual_value,country,tier\nOne,lots,Germany,gold\n"
        found = errors_by_line(imports.check(actor=self.admin, kind="accounts", data=data.encode()))
        columns = {column for column, _ in found[2]}
        self.assertEqual(columns, {"annual_value", "country", "tier"})

    def test_a_missing_required_column_is_a_file_error(self) -> None:
        checked = imports.check(
            actor=self.owner, kind="contacts", data=b"first_name,email\nA,a@b.example\n"
        )
        self.assertEqual(checked.errors[0].line, 1)
        self.assertIn("account or account_external_id", checked.errors[0].message)
        self.assertEqual(checked.valid, [])

    def test_utf8_with_a_bom_and_utf16_are_read(self) -> None:
        data = "name,country\nMünchen Rück,DE\n"
        for encoded in (b"\xef\xbb\xbf" + data.encode(), data.encode("utf-16")):
            checked = imports.check(actor=self.admin, kind="accounts", data=encoded)
            self.assertEqual(checked.errors, [])
            self.assertEqual(checked.valid[0].values["name"], "München Rück")

    def test_text_that_is_not_utf8_names_its_line(self) -> None:
        data = "name\nGood\nBad \xe9\n".encode("latin-1")
        checked = imports.check(actor=self.admin, kind="accounts", data=data)
        self.assertEqual(checked.errors[0].line, 3)
        self.assertIn("not valid UTF-8", checked.errors[0].message)

    def test_a_row_with_the_wrong_number_of_fields_is_refused(self) -> None:
        checked = imports.check(
            actor=self.admin, kind="accounts", data=b"name,country\nA,DE,extra\nB,FR\n"
        )
        self.assertEqual(
            errors_by_line(checked), {2: {("", "The row has 3 fields but the header has 2.")}}
        )
        self.assertEqual(len(checked.valid), 1)

    def test_unknown_columns_are_named_in_a_warning(self) -> None:
        checked = imports.check(actor=self.admin, kind="accounts", data=b"name,colour\nA,red\n")
        self.assertEqual(checked.warnings, ["These columns are not used and were ignored: colour."])

    def test_a_member_cannot_import_accounts_they_would_not_see(self) -> None:
        data = "name,owner_email\nNot mine,outsider@northwind.example\n"
        found = errors_by_line(
            imports.check(actor=self.teammate, kind="accounts", data=data.encode())
        )
        self.assertEqual({column for column, _ in found[2]}, {"owner_email"})

    def test_contacts_resolve_their_account_within_the_scope(self) -> None:
        data = (
            "account_external_id,first_name,email,influence,preferred_channel,language,time_zone,working_hours_start\n"
            f"{self.account.external_id},Dieter,dieter@acme.example,Decision maker,phone,de,Europe/Berlin,08:00\n"
            "CRM-404,Nobody,nobody@acme.example,user,email,en,UTC,09:00\n"
        )
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(len(checked.valid), 1)
        self.assertEqual(checked.valid[0].values["influence"], "decision_maker")
        self.assertEqual(
            errors_by_line(checked)[3],
            {("account_external_id", "No account of yours has the CRM id CRM-404.")},
        )
        outsider = imports.check(actor=self.outsider, kind="contacts", data=data.encode())
        self.assertEqual(outsider.valid, [])


class ImportJobTest(PersonasTestCase):
    def start(self, data: str, kind: str = "accounts") -> ImportJob:
        with self.captureOnCommitCallbacks(execute=True):
            job = services.import_job_start(
                actor=self.owner, kind=kind, file_name="a.csv", content=data.encode()
            )
        job.refresh_from_db()
        return job

    def apply(self, job: ImportJob, mode: str) -> ImportJob:
        with self.captureOnCommitCallbacks(execute=True):
            services.import_job_apply(actor=self.owner, job=job, mode=mode)
        job.refresh_from_db()
        return job

    def test_keeping_the_good_rows_imports_them_and_skips_the_rest(self) -> None:
        job = self.start(ACCOUNTS)
        self.assertEqual((job.status, job.total_rows, job.valid_rows), ("checked", 4, 2))
        job = self.apply(job, "keep_valid")
        self.assertEqual((job.status, job.created_count, job.updated_count), ("done", 2, 0))
        self.assertEqual(Account.objects.filter(name__in=["Globex", "Initech"]).count(), 2)
        initech = Account.objects.get(name="Initech")
        self.assertEqual(initech.lifecycle_stage, "at_risk")
        self.assertEqual(initech.notes, "Two lines\nof notes")
        self.assertIsNotNone(initech.customer)

    def test_all_or_nothing_is_refused_when_a_row_is_bad(self) -> None:
        from django.core.exceptions import ValidationError

        job = self.start(ACCOUNTS)
        with self.assertRaises(ValidationError):
            services.import_job_apply(actor=self.owner, job=job, mode="all_or_nothing")
        self.assertEqual(Account.objects.count(), 1)

    def test_rows_that_turn_bad_after_the_check_stop_an_all_or_nothing_import(self) -> None:
        job = self.start(
            "name,segment,team\nOne,Enterprise,Customer Success\nTwo,Enterprise,Customer Success\n"
        )
        self.segment.name = "Large"
        self.segment.save()
        job = self.apply(job, "all_or_nothing")
        self.assertEqual(job.status, "failed")
        self.assertEqual(Account.objects.count(), 1)

    def test_running_the_same_file_again_updates_instead_of_duplicating(self) -> None:
        data = "name,external_id,tier,team\nGlobex,CRM-100,key,Customer Success\nInitech,CRM-101,core,Customer Success\n"
        self.apply(self.start(data), "all_or_nothing")
        job = self.apply(self.start(data.replace("core", "strategic")), "all_or_nothing")
        self.assertEqual((job.created_count, job.updated_count), (0, 2))
        self.assertEqual(Account.objects.filter(external_id__in=["CRM-100", "CRM-101"]).count(), 2)
        self.assertEqual(Account.objects.get(external_id="CRM-101").tier, "strategic")

    def test_contacts_update_by_email(self) -> None:
        data = "account,first_name,email,job_title\nAcme,Carla,carla@acme.example,Head of Buying\n"
        job = self.apply(self.start(data, kind="contacts"), "all_or_nothing")
        self.assertEqual((job.created_count, job.updated_count), (0, 1))
        self.assertEqual(
            Contact.objects.get(email="carla@acme.example").job_title, "Head of Buying"
        )


class ImportPagesTest(PersonasTestCase):
    def test_a_file_without_a_valid_row_offers_no_import_of_valid_rows(self) -> None:
        self.login(self.owner)
        data = "Name,External ID,Segment\nUmbrella,CRM-102,Enterprize\n"
        upload = SimpleUploadedFile("accounts.csv", data.encode(), content_type="text/csv")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("customers:import_start"), {"kind": "accounts", "file": upload}
            )
        report = self.client.get(
            reverse("customers:import_detail", args=[ImportJob.objects.get().pk])
        )
        self.assertContains(
            report, "<strong>No row can be imported:</strong> every row has a problem."
        )
        self.assertNotContains(report, "import only the valid rows")

    def test_the_upload_shows_a_report_and_the_user_keeps_the_valid_rows(self) -> None:
        self.login(self.owner)
        upload = SimpleUploadedFile("accounts.csv", ACCOUNTS.encode(), content_type="text/csv")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("customers:import_start"), {"kind": "accounts", "file": upload}
            )
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("customers:import_detail", args=[job.pk]))
        report = self.client.get(reverse("customers:import_detail", args=[job.pk]))
        self.assertContains(report, "There is no segment called “Enterprize”.")
        self.assertContains(report, "Import the 2 valid rows")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("customers:import_apply", args=[job.pk]), {"mode": "keep_valid"}
            )
        self.assertContains(
            self.client.get(reverse("customers:import_detail", args=[job.pk])), "2 created"
        )

    def test_importing_nothing_cancels_the_job(self) -> None:
        self.login(self.owner)
        job = ImportJob.objects.create(
            organisation=self.org,
            created_by=self.owner,
            kind="accounts",
            file_name="a.csv",
            content=b"",
            status="checked",
        )
        self.client.post(reverse("customers:import_cancel", args=[job.pk]))
        job.refresh_from_db()
        self.assertEqual(job.status, "cancelled")

    def test_someone_elses_import_is_not_found(self) -> None:
        job = ImportJob.objects.create(
            organisation=self.org,
            created_by=self.owner,
            kind="accounts",
            file_name="a.csv",
            content=b"",
            status="checked",
        )
        self.login(self.teammate)
        self.assertEqual(
            self.client.get(reverse("customers:import_detail", args=[job.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.post(
                reverse("customers:import_apply", args=[job.pk]), {"mode": "keep_valid"}
            ).status_code,
            404,
        )

    def test_the_import_page_and_the_feedback_imports_point_to_each_other(self) -> None:
        self.login(self.admin)
        self.assertContains(
            self.client.get(reverse("customers:import_start")),
            f'<a href="{reverse("feedback:import_list")}">Import feedback</a>',
        )
        self.assertContains(
            self.client.get(reverse("feedback:import_list")),
            f'<a href="{reverse("customers:import_start")}">Import</a>',
        )

    def test_a_viewer_cannot_import(self) -> None:
        self.login(self.viewer)
        self.assertEqual(self.client.get(reverse("customers:import_start")).status_code, 403)
