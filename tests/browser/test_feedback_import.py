"""Importing feedback in a real browser: a CX lead uploads last year's export with a few broken
rows, maps the columns, sees exactly which rows were refused and why, downloads them to fix, keeps
the good ones and goes on to read them in Insights."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from centric.core.models import Role
from centric.feedback.models import Response
from tests.browser.conftest import assert_accessible, shoot, sign_in
from tests.factories import PASSWORD, AccountFactory, ContactFactory, UserFactory

EXPORT = (
    "Response ID,Submitted at,Email,Score,Comment\n"
    'R1,2025-03-01,carla@acme.example,9,"Quick and friendly,\nthank you"\n'
    "R2,2025-03-02,carla@acme.example,12,Out of range\n"
    "R3,2025-03-03,nobody@nowhere.example,7,Unknown customer\n"
    "R4,2025-03-04,carla@acme.example,4,Slow delivery\n"
    "R5,21/13/2026,carla@acme.example,8,=1+1\n"
)


def test_a_cx_lead_imports_an_export_with_broken_rows(
    page: Page, transactional_db: None, tmp_path: Path
) -> None:
    lead = UserFactory.create(role=Role.CX_LEAD, email="lead@northwind.example")
    account = AccountFactory.create(organisation=lead.organisation, name="Acme")
    ContactFactory.create(account=account, email="carla@acme.example")
    export = tmp_path / "last-year.csv"
    export.write_text(EXPORT, encoding="utf-8")

    sign_in(page, lead.email, PASSWORD)
    page.goto("/surveys/")
    page.get_by_role("link", name="Import feedback").click()
    page.get_by_role("link", name="Import a file").click()
    page.get_by_label("File", exact=True).set_input_files(str(export))
    page.get_by_label("Shape of the file").select_option("survey-tool")
    shoot(page, "feedback-import-upload")
    assert_accessible(page)
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.get_by_text("Slow delivery")).to_be_visible()
    expect(page.get_by_label("Score", exact=True)).to_have_value("Score")
    shoot(page, "feedback-import-mapping")
    assert_accessible(page)
    page.get_by_role("button", name="Check every row").click()

    expect(page.get_by_role("button", name="Import the 2 valid rows")).to_be_visible()
    expect(page.get_by_text("12 is out of range for NPS (0–10).")).to_be_visible()
    expect(
        page.get_by_text("No contact of yours has the email nobody@nowhere.example.")
    ).to_be_visible()
    expect(
        page.get_by_text("“21/13/2026” is not a date: month 13 does not exist.")
    ).to_contain_text("With “Day first” chosen, write 31/03/2024")
    shoot(page, "feedback-import-report")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the 3 rows with problems").click()
    refused = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert download.value.suggested_filename == "last-year-refused-rows.csv"
    assert (
        refused[0]
        == "Line in the file,Why it was refused,Response ID,Submitted at,Email,Score,Comment"
    )
    assert refused[-1].endswith("R5,21/13/2026,carla@acme.example,8,'=1+1")

    page.get_by_role("button", name="Import the 2 valid rows").click()
    expect(page.locator("#results").get_by_text("2 responses imported")).to_be_visible(
        timeout=15000
    )
    expect(
        page.get_by_text("The imported feedback is dated 1 Mar 2025 to 4 Mar 2025.")
    ).to_be_visible()
    shoot(page, "feedback-import-done")
    assert_accessible(page)
    assert Response.objects.filter(channel="import").count() == 2
    page.get_by_role("link", name="Read the comments of those days").click()
    for day in ("1 Mar 2025", "4 Mar 2025"):  # each imported comment, by its date
        expect(page.get_by_role("link", name=day)).to_be_visible()
    page.go_back()

    page.get_by_role("link", name="Feedback imports").click()
    expect(page.get_by_role("link", name="last-year.csv")).to_be_visible()
    shoot(page, "feedback-import-list")
