"""Writing a case rule in a real browser: two conditions, a preview over the demo organisation's
feedback, saving it; and the case settings pages."""

from __future__ import annotations

import re

from django.core.management import call_command
from playwright.sync_api import Page, expect

from centric.cases.models import Rule
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, shoot, sign_in


def load_demo() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process


def test_a_rule_with_two_conditions_is_previewed_then_saved(
    page: Page, transactional_db: None
) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/cases/rules/")
    page.get_by_role("link", name="New rule").click()
    expect(page.get_by_role("heading", name="New rule")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Detractors who mention billing")
    page.get_by_label("Must-hold condition 1: field").select_option("score")
    page.get_by_label("Must-hold condition 1: comparison").select_option("lte")
    page.get_by_label("Must-hold condition 1: value").fill("6")

    # htmx adds the row in place; the page is not reloaded, so what was typed stays
    with page.expect_response(re.compile(r"/cases/rules/new/$")):
        page.locator("#conditions-all").get_by_role("button", name="Add a condition").click()
    expect(page.get_by_label("Must-hold condition 2: field")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Detractors who mention billing")
    page.get_by_label("Must-hold condition 2: field").select_option("text")
    page.get_by_label("Must-hold condition 2: comparison").select_option("contains")
    page.get_by_label("Must-hold condition 2: value").fill("invoice, billing, charged")

    page.get_by_role("button", name="Preview the last 30 days").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text(re.compile(r"This rule would have opened \d+ cases? in the"))
    expect(preview).to_contain_text("Nothing was saved.")
    assert not Rule.objects.filter(name="Detractors who mention billing").exists()
    expect(page.get_by_label("Must-hold condition 2: value")).to_have_value(
        "invoice, billing, charged"
    )
    shoot(page, "case-rule-preview")
    assert_accessible(page)

    page.get_by_label("Tags").fill("billing")
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_text("Rule “Detractors who mention billing” saved.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Detractors who mention billing"))
    expect(row).to_contain_text("All of: Score is at most 6; Comment contains any of")
    shoot(page, "case-rules")
    assert_accessible(page)
    rule = Rule.objects.get(name="Detractors who mention billing")
    assert rule.conditions_all[1] == {
        "field": "text",
        "op": "contains",
        "value": ["billing", "charged", "invoice"],
    }


def test_a_bad_condition_is_marked_at_its_row(page: Page, transactional_db: None) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/cases/rules/new/")
    page.get_by_label("Name", exact=True).fill("Broken")
    page.get_by_label("Must-hold condition 1: field").select_option("score")
    page.get_by_label("Must-hold condition 1: comparison").select_option("in")
    page.get_by_label("Must-hold condition 1: value").fill("low")
    page.get_by_role("button", name="Save the rule").click()
    expect(page.locator("#conditions-all .errorlist")).to_contain_text(
        "Score cannot be compared with “is one of”"
    )
    shoot(page, "case-rule-error")
    assert_accessible(page)


def test_the_case_settings_pages(page: Page, transactional_db: None) -> None:
    load_demo()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto("/settings/cases/")
    expect(page.get_by_role("heading", name="Case settings")).to_be_visible()
    shoot(page, "case-settings")
    assert_accessible(page)
    for link, heading, name in (
        ("Business hours", "Business hours", "case-settings-calendar"),
        ("SLA targets", "SLA targets", "case-settings-sla"),
        ("Root causes", "Root causes", "case-settings-root-causes"),
        ("Closing messages", "Closing messages", "case-settings-closing-messages"),
    ):
        page.goto("/settings/cases/")
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        shoot(page, name)
        assert_accessible(page)

    page.goto("/settings/cases/calendar/")
    page.get_by_label("Open on Saturday").check()
    page.get_by_label("Saturday: opens at").fill("10:00")
    page.get_by_label("Saturday: closes at").fill("09:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saturday: closing must come after opening.")).to_be_visible()
    shoot(page, "case-settings-calendar-error")
    assert_accessible(page)

    page.goto("/settings/cases/closing-messages/en/")
    page.get_by_label("Subject").fill("About {ticket}")
    page.get_by_role("button", name="Save").click()
    # at the field (the summary at the page's head says it too)
    expect(page.locator("form").get_by_text("Unknown placeholder {ticket}")).to_be_visible()
