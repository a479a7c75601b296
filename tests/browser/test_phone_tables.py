"""The contact and account lists on a phone: each row is a block of its own, so a contact's
channel and language (how to reply on the customer's terms) are on the screen, not scrolled off
to the right of a seven-column table."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, shoot, sign_in
from tests.factories import (
    PASSWORD,
    AccountFactory,
    ContactFactory,
    OrganisationFactory,
    SegmentFactory,
    TeamFactory,
    UserFactory,
)


def northwind() -> None:
    """Olivia, who owns Acme Logistics International, and two of its contacts with long job titles."""
    org = OrganisationFactory.create(name="Northwind")
    owner = UserFactory.create(
        organisation=org, email="olivia@northwind.example", first_name="Olivia", last_name="Owen"
    )
    team = TeamFactory.create(
        organisation=org, name="Customer Success", lead=owner, members=[owner]
    )
    account = AccountFactory.create(
        organisation=org,
        name="Acme Logistics International",
        owner=owner,
        team=team,
        segment=SegmentFactory.create(organisation=org, name="Enterprise"),
        annual_value=1_250_000,
    )
    ContactFactory.create(
        account=account,
        first_name="Carla",
        last_name="Mendes",
        job_title="Head of Procurement and Supplier Relationships",
        influence="decision_maker",
        preferred_channel="phone",
        language="pt",
    )
    ContactFactory.create(
        account=account,
        first_name="Bartholomew",
        last_name="Wojciechowski-Lindqvist",
        job_title="Regional Director, Logistics Operations",
        influence="influencer",
        preferred_channel="video",
        language="pl",
    )


# what a stacked cell draws before its value: its column's name
LABEL_DRAWN = "cell => getComputedStyle(cell, '::before').content"


def assert_on_screen(cell: Locator) -> None:
    """``cell`` is shown within the phone's width, without scrolling sideways."""
    expect(cell).to_be_visible()
    box = cell.bounding_box()
    assert box is not None
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= PHONE["width"], box


def test_each_contacts_channel_and_language_are_on_a_phones_screen(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/contacts/")
    shoot(page, "contact-list")

    page.set_viewport_size(PHONE)
    for name, channel, language in (
        ("Carla Mendes", "Phone", "Portuguese"),
        ("Bartholomew Wojciechowski-Lindqvist", "Video call", "Polish"),
    ):
        row = page.get_by_role("row").filter(has_text=name)
        for label, value in (("Channel", channel), ("Language", language)):
            cell = row.locator("td").filter(has_text=re.compile(f"^{value}$"))
            assert_on_screen(cell)
            # the column's name is drawn before the value, as the table's head is hidden
            assert cell.evaluate(LABEL_DRAWN) == f'"{label}: "'
    page.set_viewport_size(DESKTOP)
    # on a desktop the table is as it was: one line per contact, under the columns' names
    expect(page.get_by_role("columnheader", name="Channel")).to_be_visible()
    carla = page.get_by_role("row").filter(has_text="Carla Mendes").locator("td")
    name_box, channel_box = (
        carla.first.bounding_box(),
        carla.filter(has_text="Phone").bounding_box(),
    )
    assert name_box is not None
    assert channel_box is not None
    assert name_box["y"] == channel_box["y"]
    assert_accessible(page)


def test_each_accounts_figures_are_on_a_phones_screen(page: Page, transactional_db: None) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/accounts/")
    shoot(page, "account-list")

    page.set_viewport_size(PHONE)
    row = page.get_by_role("row").filter(has_text="Acme Logistics International")
    for value in ("Enterprise", "1,250,000", "Customer Success"):
        assert_on_screen(row.locator("td").filter(has_text=value))
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)


def test_the_contacts_on_an_accounts_page_are_on_a_phones_screen(
    page: Page, transactional_db: None
) -> None:
    northwind()
    sign_in(page, "olivia@northwind.example", PASSWORD)
    page.goto("/accounts/")
    page.get_by_role("link", name="Acme Logistics International").click()
    shoot(page, "account-page")

    page.set_viewport_size(PHONE)
    row = page.get_by_role("row").filter(has_text="Carla Mendes")
    for label, value in (("Channel", "Phone"), ("Language", "Portuguese")):
        cell = row.locator("td").filter(has_text=re.compile(f"^{value}$"))
        assert_on_screen(cell)
        assert cell.evaluate(LABEL_DRAWN) == f'"{label}: "'
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
