"""The comment explorer opened on one customer's comments (from the customer's page) keeps to
that customer when the other filters change, names the customer among its filters, and keeps to
them from page to page and in its exports; a customer the reader may not see is neither shown
nor named."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.views import PAGE_SIZE
from tests.factories import AccountFactory
from tests.personas import PersonasTestCase


class _FilterForm(HTMLParser):
    """What the explorer's filter form sends: its fields and the options selected."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._form = False
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form" and "filters" in found.get("class", "").split():
            self._form = True
        elif not self._form or "disabled" in found:
            return
        elif tag == "input" and found.get("type", "text") not in ("checkbox", "radio"):
            self.fields.append((found["name"], found.get("value", "")))
        elif tag == "select":
            self._select = found["name"]
        elif tag == "option" and self._select and "selected" in found:
            self.fields.append((self._select, found.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = False
        elif tag == "select":
            self._select = None


def sent_by_the_form(page: Any, **changed: str) -> QueryDict:
    """The query the explorer's filter form sends with the ``changed`` fields set."""
    form = _FilterForm()
    form.feed(page.content.decode())
    query = QueryDict(mutable=True)
    for name, value in form.fields:
        query[name] = changed.pop(name, value)
    query.update(changed)
    return query


def link(page: Any, text: str) -> str:
    """Where the page's link of ``text`` leads."""
    found = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{re.escape(text)}</a>', page.content.decode())
    assert found, f"no link {text!r}"
    return html.unescape(found[1])


class ExplorerCustomerTest(PersonasTestCase):
    acme: Customer
    globex: Customer
    initech: Customer
    hooli: Customer

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.globex = Customer.objects.get(
            account=AccountFactory.create(organisation=cls.org, name="Globex", team=cls.team)
        )
        # a customer of another organisation, and one of this organisation the owner's team
        # does not serve
        cls.initech = Customer.objects.get(
            account=AccountFactory.create(organisation=cls.other_org, name="Initech")
        )
        cls.hooli = Customer.objects.get(
            account=AccountFactory.create(organisation=cls.org, name="Hooli")
        )
        comments = [
            (cls.acme, "Acme: the invoice was wrong and nobody answered."),
            (cls.acme, "Acme: the delivery was fast, thank you."),
            (cls.globex, "Globex: the invoice was wrong again."),
            (cls.initech, "Initech: the portal keeps logging us out."),
            (cls.hooli, "Hooli: the portal is slow."),
        ]
        responses = [
            Response.objects.create(
                organisation=customer.organisation,
                customer=customer,
                channel=Response.Channel.API,
                comment=comment,
                responded_at=timezone.now() - dt.timedelta(days=2),
            )
            for customer, comment in comments
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def comments(self, query: dict[str, Any] | QueryDict, *, htmx: bool = False) -> Any:
        """The explorer's page, or with ``htmx`` the results it swaps in as a filter changes."""
        headers = {"HX-Request": "true", "HX-Target": "results"} if htmx else {}
        return self.client.get(reverse("insights:comments"), query, headers=headers)

    def exported(self, url: str, query: dict[str, Any] | None = None) -> list[str]:
        """The rows of the CSV export at ``url``, without its header."""
        export: Any = self.client.get(url, query)
        return b"".join(export.streaming_content).decode().splitlines()[1:]

    def shown(self, page: Any) -> list[str]:
        return [row["response"].comment.split(":")[0] for row in page.context["rows"]]

    def test_changing_another_filter_keeps_to_the_customer(self) -> None:
        self.login(self.owner)
        page = self.comments({"customer": self.acme.pk})
        self.assertEqual(sorted(self.shown(page)), ["Acme", "Acme"])

        query = sent_by_the_form(page, sentiment="negative")

        self.assertEqual(query["customer"], str(self.acme.pk))
        self.assertEqual(self.shown(self.comments(query)), ["Acme"])

    def test_the_filters_in_words_name_the_customer(self) -> None:
        self.login(self.owner)
        page = self.comments({"customer": self.acme.pk, "sentiment": "negative"})
        self.assertContains(
            page,
            '<span id="filters-in-words">Last 90 days · Negative · Acme</span>',
            html=True,
        )
        # and so do the results htmx swaps in when a filter changes
        fragment = self.comments({"customer": self.acme.pk, "flag": "praise"}, htmx=True)
        self.assertContains(
            fragment,
            '<span id="filters-in-words" hx-swap-oob="true">Last 90 days · Praise · Acme</span>',
            html=True,
        )
        self.assertContains(fragment, "The comments of")

    def test_the_pages_and_the_exports_keep_to_the_customer(self) -> None:
        Response.objects.bulk_create(
            Response(
                organisation=self.org,
                customer=self.acme,
                channel=Response.Channel.API,
                comment=f"Acme: comment {n}.",
                responded_at=timezone.now() - dt.timedelta(days=3),
            )
            for n in range(PAGE_SIZE)
        )
        self.login(self.owner)
        page = self.comments(sent_by_the_form(self.comments({"customer": self.acme.pk})))
        self.assertEqual(page.context["page"].paginator.count, PAGE_SIZE + 2)

        second = self.client.get(reverse("insights:comments") + link(page, "Next →"))
        self.assertEqual(second.context["page"].number, 2)
        self.assertEqual(set(self.shown(second)), {"Acme"})
        rows = self.exported(link(page, "Export CSV"))
        self.assertEqual(len(rows), PAGE_SIZE + 2)
        self.assertTrue(all(",Acme," in row for row in rows))
        self.assertIn(f"customer={self.acme.pk}", link(page, "Export XLSX"))

    def test_a_customer_the_reader_may_not_see_is_neither_shown_nor_named(self) -> None:
        for user, customer in (
            (self.owner, self.hooli),  # the owner's team does not serve Hooli
            (self.outsider, self.acme),  # Finance serves none of Acme
            (self.admin, self.initech),  # another organisation's
        ):
            with self.subTest(user=user.email, customer=customer.name):
                self.login(user)
                page = self.comments({"customer": customer.pk})
                self.assertEqual(self.shown(page), [])
                self.assertNotContains(page, customer.name)
                self.assertContains(
                    page, '<span id="filters-in-words">Last 90 days</span>', html=True
                )
                # nor is it kept when the filters change
                self.assertNotIn("customer", sent_by_the_form(page, sentiment="negative"))
                rows = self.exported(reverse("insights:comments_csv"), {"customer": customer.pk})
                self.assertEqual(rows, [])

    def test_the_overview_keeps_to_the_customer_when_another_filter_changes(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("insights:overview"), {"customer": self.acme.pk})

        changed = self.client.get(reverse("insights:overview"), sent_by_the_form(page, days="30"))

        self.assertEqual(changed.context["filters"]["customer_id"], self.acme.pk)
        self.assertEqual(changed.context["insights"].analysed, 2)
        hidden = self.client.get(reverse("insights:overview"), {"customer": self.hooli.pk})
        self.assertNotIn(("customer", str(self.hooli.pk)), _fields(hidden))


def _fields(page: Any) -> list[tuple[str, str]]:
    form = _FilterForm()
    form.feed(page.content.decode())
    return form.fields
