"""The main journeys in a real browser: signing in, browsing people and customers, editing an
account, and importing a file with broken rows."""

from __future__ import annotations

import re

from django.core.management import call_command
from playwright.sync_api import FilePayload, Page, expect

from centric.customers.models import Account
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD
from tests.browser.conftest import PHONE, assert_accessible, shoot, sign_in


def load_demo() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process


def test_signing_in_shows_the_organisation_at_a_glance(page: Page, transactional_db: None) -> None:
    load_demo()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    shoot(page, "login")
    assert_accessible(page)
    page.get_by_label("Email address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    # in the form (the summary at the page's head says it too)
    expect(
        page.locator("form").get_by_text("Please enter a correct email address and password")
    ).to_be_visible()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Northwind Components at a glance")).to_be_visible()
    expect(page.get_by_text("external accounts")).to_be_visible()
    shoot(page, "home")
    assert_accessible(page)


def test_searching_and_filtering_accounts_updates_the_table_in_place(
    page: Page, transactional_db: None
) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").first.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    shoot(page, "accounts")
    assert_accessible(page)
    name = Account.objects.order_by("name").values_list("name", flat=True)[5]
    with page.expect_response(re.compile(r"/accounts/\?q=")):
        page.get_by_label("Search").fill(name)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q="))  # the filtered list has its own address
    page.get_by_label("Stage").select_option("at_risk")
    page.get_by_label("Search").fill("")
    page.wait_for_load_state("networkidle")
    for badge in page.locator("#results tbody .badge").all():
        expect(badge).to_have_text("At risk")
    page.locator("#results tbody a").first.click()
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    shoot(page, "account")
    assert_accessible(page)


def test_editing_an_account_saves_and_reports_bad_input(page: Page, transactional_db: None) -> None:
    load_demo()
    account = Account.objects.order_by("name").first()
    assert account is not None
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/accounts/{account.pk}/edit/")
    page.get_by_label("Website").fill("not a web address")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("form").get_by_text("Enter a valid URL.")).to_be_visible()
    shoot(page, "account-edit-error")
    page.get_by_label("Website").fill("https://example.com")
    page.get_by_label("Annual value").fill("125000")
    page.get_by_label("Lifecycle stage").select_option("renewal")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Account saved.")).to_be_visible()
    account.refresh_from_db()
    assert account.lifecycle_stage == "renewal"
    page.goto("/audit/")
    expect(page.get_by_text("Up for renewal").first).to_be_visible()
    shoot(page, "audit-log")


def test_teams_people_and_internal_customers(page: Page, transactional_db: None) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/teams/")
    shoot(page, "teams")
    page.get_by_role("link", name="IT", exact=True).click()
    expect(page.get_by_role("heading", name="Internal customers (teams it serves)")).to_be_visible()
    expect(
        page.locator("section")
        .filter(has_text="Internal customers")
        .get_by_role("link", name="Finance")
    ).to_be_visible()
    shoot(page, "team")
    assert_accessible(page)
    page.goto("/customers/?kind=internal")
    expect(page.locator("#results .badge.internal").first).to_be_visible()
    shoot(page, "customers")
    page.goto("/people/")
    shoot(page, "people")
    page.goto("/contacts/")
    shoot(page, "contacts")


def test_importing_a_file_with_broken_rows(page: Page, transactional_db: None) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/imports/")
    shoot(page, "import")
    csv = (
        "name,external_id,segment,lifecycle_stage,tier,annual_value,team\n"
        "Aurora Ceramics,NEW-1,Mid-market,onboarding,core,45000,Sales\n"
        "Borealis Glass,NEW-2,Mid-market,active,key,not a number,Sales\n"
        "Cirrus Paper,NEW-3,Giant,active,core,12000,Sales\n"
        "Delta Steel,NEW-4,Enterprise,active,strategic,900000,Account Management\n"
    )
    page.get_by_label("Accounts").check()
    page.get_by_label("File").set_input_files(
        files=[FilePayload(name="accounts.csv", mimeType="text/csv", buffer=csv.encode())]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("Some rows have problems.")).to_be_visible()
    problems = page.locator("table").last
    expect(problems).to_contain_text("annual_value")
    expect(problems).to_contain_text("Enter a number.")
    expect(problems).to_contain_text("There is no segment called “Giant”.")
    shoot(page, "import-report")
    assert_accessible(page)
    page.get_by_role("button", name="Import the 2 valid rows").click()
    expect(page.get_by_text("2 created and 0 updated; 2 rows skipped.")).to_be_visible()
    shoot(page, "import-done")
    assert set(
        Account.objects.filter(external_id__startswith="NEW-").values_list("name", flat=True)
    ) == {"Aurora Ceramics", "Delta Steel"}


def test_the_menu_folds_away_on_a_phone_and_works_with_the_keyboard(
    page: Page, transactional_db: None
) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.set_viewport_size(PHONE)
    menu = page.get_by_text("Menu")
    expect(menu).to_be_visible()
    menu.click()
    page.locator("details.nav-toggle").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
