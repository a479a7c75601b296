"""The inboxes, the case page and its actions: allowed and refused for each persona."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

from django.core import mail
from django.urls import reverse

from centric.cases.models import Case, CaseEvent, Notification, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Contact, Customer
from centric.feedback.models import Response
from tests.personas import PersonasTestCase

HOSTILE = '<script>alert("x")</script> The invoice was wrong.'


class CasePageTests(PersonasTestCase):
    acme: Customer
    response: Response
    case: Case
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)
        cls.response = feedback(customer=cls.acme, contact=cls.contact, score=2, comment=HOSTILE)
        responses_route(response_ids=[cls.response.pk])
        cls.case = Case.objects.get()
        cls.url = reverse("cases:case_detail", args=[cls.case.pk])

    def test_the_case_page_shows_the_customer_in_full_and_escapes_their_words(self) -> None:
        self.login(self.owner)
        page = self.client.get(self.url)
        self.assertContains(page, "Before you reply")
        self.assertContains(page, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
        self.assertNotContains(page, '<script>alert("x")')
        for text in (
            "Carla",
            "Their time now",
            "Contacts at the account",
            "Their feedback over time",
            "Record a contact attempt",
        ):
            self.assertContains(page, text)

    def test_their_time_now_is_the_time_on_their_clock(self) -> None:
        Contact.objects.filter(pk=self.contact.pk).update(time_zone="Asia/Tokyo")
        self.owner.time_zone = "Europe/Berlin"
        self.owner.save(update_fields=["time_zone"])
        self.login(self.owner)
        moment = dt.datetime(2026, 6, 22, 13, 20, tzinfo=dt.UTC)  # a Monday: 22:20 in Tokyo
        with mock.patch("centric.core.clock.now", return_value=moment):
            page = self.client.get(self.url)
        self.assertContains(page, "<strong>Monday 22:20</strong>")
        self.assertContains(page, "Outside their working hours")

    def test_no_two_fields_of_the_case_page_share_an_id(self) -> None:
        # the contact attempt and the "Move the case" form both have a note: each label must
        # name its own box
        Case.objects.filter(pk=self.case.pk).update(state=Case.State.RESOLVED)
        self.login(self.owner)
        page = self.client.get(self.url).content.decode()
        ids = re.findall(r'\bid="([^"]+)"', page)
        self.assertEqual([i for i in set(ids) if ids.count(i) > 1], [])
        self.assertIn('<label for="contact_note">', page)
        self.assertIn('<label for="state_note">', page)

    def test_who_sees_the_case(self) -> None:
        for person, status in (
            (self.owner, 200),
            (self.teammate, 200),
            (self.viewer, 200),
            (self.cx_lead, 200),
            (self.admin, 200),
            (self.outsider, 404),
            (self.stranger, 404),
        ):
            with self.subTest(person=person.email):
                self.login(person)
                self.assertEqual(self.client.get(self.url).status_code, status)

    def test_a_viewer_sees_no_actions_and_cannot_post_them(self) -> None:
        self.login(self.viewer)
        self.assertNotContains(self.client.get(self.url), "Record a contact attempt")
        answer = self.client.post(
            reverse("cases:case_comment", args=[self.case.pk]), {"text": "hi"}
        )
        self.assertEqual(answer.status_code, 403)
        self.login(self.outsider)
        answer = self.client.post(
            reverse("cases:case_comment", args=[self.case.pk]), {"text": "hi"}
        )
        self.assertEqual(answer.status_code, 404)
        self.assertFalse(CaseEvent.objects.filter(kind=CaseEvent.Kind.COMMENT).exists())

    def test_the_owner_works_the_case_from_the_page(self) -> None:
        self.login(self.owner)
        contact = self.client.post(
            reverse("cases:case_contact", args=[self.case.pk]),
            {"channel": "phone", "outcome": "reached", "note": "Called Carla."},
        )
        self.assertRedirects(contact, self.url)
        cause = RootCause.objects.get(organisation=self.org, name="Billing error")
        self.client.post(
            reverse("cases:case_cause", args=[self.case.pk]),
            {"root_cause": cause.pk, "resolution": "Refunded."},
        )
        self.client.post(reverse("cases:case_state", args=[self.case.pk]), {"state": "resolved"})
        self.case.refresh_from_db()
        self.assertEqual(self.case.state, Case.State.RESOLVED)
        page = self.client.get(self.url)
        self.assertContains(page, "Close the loop with the customer")
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            closed = self.client.post(
                reverse("cases:case_close", args=[self.case.pk]),
                {"subject": "What we did", "body": "Dear Carla, we refunded you.", "resurvey": ""},
            )
        self.assertRedirects(closed, self.url)
        self.assertEqual(mail.outbox[0].to, ["carla@acme.example"])
        self.case.refresh_from_db()
        self.assertEqual(self.case.state, Case.State.CLOSED)

    def test_mistakes_show_at_the_form(self) -> None:
        self.login(self.owner)
        answer = self.client.post(
            reverse("cases:case_state", args=[self.case.pk]), {"state": "resolved"}
        )
        self.assertContains(answer, "Record the root cause and the resolution", status_code=422)
        answer = self.client.post(
            reverse("cases:case_contact", args=[self.case.pk]),
            {"channel": "pigeon", "outcome": "reached"},
        )
        self.assertContains(answer, "Select a valid choice", status_code=422)
        self.assertFalse(CaseEvent.objects.filter(kind=CaseEvent.Kind.CONTACT).exists())

    def test_following_a_case(self) -> None:
        self.login(self.viewer)
        url = reverse("cases:case_watch", args=[self.case.pk])
        self.assertRedirects(self.client.post(url, {"watch": "yes"}), self.url)
        self.assertTrue(self.case.watchers.filter(pk=self.viewer.pk).exists())
        self.assertContains(self.client.get(self.url), "Stop following")
        self.login(self.outsider)
        self.assertEqual(self.client.post(url, {"watch": "yes"}).status_code, 404)
        self.login(self.owner)
        self.client.post(reverse("cases:case_state", args=[self.case.pk]), {"state": "in_progress"})
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.viewer, message__contains="in progress"
            ).exists()
        )
        self.login(self.viewer)
        self.client.post(url, {"watch": "no"})
        self.assertFalse(self.case.watchers.exists())

    def test_actions_refuse_get(self) -> None:
        self.login(self.owner)
        self.assertEqual(
            self.client.get(reverse("cases:case_state", args=[self.case.pk])).status_code, 405
        )


class InboxTests(PersonasTestCase):
    mine: Case
    other: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)
        responses_route(
            response_ids=[
                feedback(customer=acme, score=1).pk,
                feedback(
                    customer=acme, score=2, comment="The parcel came back <b>unopened</b>."
                ).pk,
            ]
        )
        cls.mine, cls.other = Case.objects.order_by("pk")
        Case.objects.filter(pk=cls.other.pk).update(owner=None)

    def test_inboxes(self) -> None:
        self.login(self.owner)
        mine = self.client.get(reverse("cases:inbox"))
        self.assertContains(mine, f"#{self.mine.pk} ")
        self.assertNotContains(mine, f"#{self.other.pk} ")
        unassigned = self.client.get(reverse("cases:inbox"), {"inbox": "unassigned"})
        self.assertContains(unassigned, f"#{self.other.pk} ")
        self.assertNotContains(unassigned, f"#{self.mine.pk} ")
        team = self.client.get(reverse("cases:inbox"), {"inbox": "team"})
        self.assertContains(team, f"#{self.other.pk} ")

    def test_search_reads_the_title_the_account_and_what_the_customer_wrote(self) -> None:
        self.login(self.cx_lead)
        for term, found in (
            ("PARCEL came", [self.other]),
            ("invoice was wrong", [self.mine]),
            (self.account.name.upper(), [self.mine, self.other]),
            ("NPS 2", [self.other]),
            ("nobody mentioned this", []),
        ):
            with self.subTest(term=term):
                page = self.client.get(reverse("cases:inbox"), {"inbox": "all", "q": term})
                self.assertEqual(list(page.context["page"].object_list), found)
        # a stranger's search finds nothing of this organisation
        self.login(self.stranger)
        page = self.client.get(reverse("cases:inbox"), {"inbox": "all", "q": "parcel"})
        self.assertEqual(list(page.context["page"].object_list), [])

    def test_an_outsider_sees_none_and_a_stranger_neither(self) -> None:
        for person in (self.outsider, self.stranger):
            self.login(person)
            page = self.client.get(reverse("cases:inbox"), {"inbox": "all"})
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, f"#{self.mine.pk} ")

    def test_htmx_gets_the_table_only(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(
            reverse("cases:inbox"),
            {"inbox": "all"},
            headers={"HX-Request": "true", "HX-Target": "results"},
        )
        self.assertNotContains(page, "<html")
        self.assertContains(page, f"#{self.mine.pk} ")

    def test_bulk_reassign(self) -> None:
        self.login(self.cx_lead)
        answer = self.client.post(
            reverse("cases:bulk_reassign"),
            {"cases": [self.mine.pk, self.other.pk], "owner": self.teammate.pk},
        )
        self.assertRedirects(answer, reverse("cases:inbox"))
        self.assertEqual(set(Case.objects.values_list("owner", flat=True)), {self.teammate.pk})
        self.assertEqual(Notification.objects.filter(recipient=self.teammate).count(), 2)

    def test_bulk_reassign_refuses_viewers_and_other_organisations(self) -> None:
        self.login(self.viewer)
        answer = self.client.post(
            reverse("cases:bulk_reassign"), {"cases": [self.mine.pk], "owner": self.teammate.pk}
        )
        self.assertEqual(answer.status_code, 403)
        self.login(self.stranger)
        self.client.post(
            reverse("cases:bulk_reassign"), {"cases": [self.mine.pk], "owner": self.stranger.pk}
        )
        self.assertEqual(Case.objects.get(pk=self.mine.pk).owner, self.owner)

    def test_notifications(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("cases:notifications"))
        self.assertContains(page, "New case for you")
        self.client.post(reverse("cases:notifications_read"))
        self.assertFalse(
            Notification.objects.filter(recipient=self.owner, read_at__isnull=True).exists()
        )

    def test_following_a_notification_marks_it_read_and_only_its_recipient_may(self) -> None:
        note = Notification.objects.filter(recipient=self.owner, case__isnull=False).first()
        assert note is not None
        url = reverse("cases:notification_open", args=[note.pk])
        self.login(self.owner)
        self.assertContains(self.client.get(reverse("cases:notifications")), f'action="{url}"')
        self.assertEqual(self.client.get(url).status_code, 405)  # a GET changes nothing
        note.refresh_from_db()
        self.assertIsNone(note.read_at)

        answer = self.client.post(url)

        self.assertRedirects(
            answer, reverse("cases:case_detail", args=[note.case_id]), fetch_redirect_response=False
        )
        note.refresh_from_db()
        self.assertIsNotNone(note.read_at)
        # a spike's notification leads to its comments; a link elsewhere is not followed
        spike = Notification.objects.create(
            organisation=self.org,
            recipient=self.owner,
            message="Spike",
            link="/insights/comments/?theme=billing",
        )
        answer = self.client.post(reverse("cases:notification_open", args=[spike.pk]))
        self.assertRedirects(answer, spike.link, fetch_redirect_response=False)
        elsewhere = Notification.objects.create(
            organisation=self.org, recipient=self.owner, message="Odd", link="https://evil.example/"
        )
        answer = self.client.post(reverse("cases:notification_open", args=[elsewhere.pk]))
        self.assertRedirects(answer, reverse("cases:notifications"), fetch_redirect_response=False)
        # someone else's is not found, and stays unread
        self.login(self.teammate)
        self.assertEqual(
            self.client.post(reverse("cases:notification_open", args=[spike.pk])).status_code, 404
        )

    def test_every_page_says_how_many_of_your_notifications_are_unread(self) -> None:
        unread = Notification.objects.filter(recipient=self.owner, read_at__isnull=True).count()
        self.assertGreater(unread, 0)
        badge = f'<span class="count">{unread}<span class="visually-hidden"> unread</span></span>'
        self.login(self.owner)
        self.assertContains(self.client.get(reverse("feedback:survey_list")), badge, count=2)
        self.client.post(reverse("cases:notifications_read"))
        page = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(page, "Notifications</a>", count=2)  # wide menu and the phone's
        self.assertNotContains(page, " unread</span>")
        # the teammate's page counts none of the owner's
        self.login(self.teammate)
        self.assertNotContains(self.client.get(reverse("cases:inbox")), " unread</span>")
