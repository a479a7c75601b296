"""The taxonomy pages: everyone reads the themes, admins and CX leads change them, discovery's
proposals are theirs alone, another organisation's themes do not exist, and GET changes nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import Reanalysis, ResponseAnalysis, ThemeDefinition, ThemeProposal
from centric.insights.tests.test_taxonomy import COMMENTS
from tests.personas import PersonasTestCase


class ThemePagesTest(PersonasTestCase):
    def theme(
        self, name: str = "price", organisation: Organisation | None = None
    ) -> ThemeDefinition:
        return ThemeDefinition.objects.get(organisation=organisation or self.org, name=name)

    def test_everyone_in_the_organisation_reads_the_taxonomy(self) -> None:
        for person in (self.admin, self.cx_lead, self.owner, self.viewer):
            self.login(person)
            with self.subTest(person=person.email):
                response = self.client.get(reverse("insights:theme_list"))
                self.assertContains(response, "delivery")
                self.assertEqual(
                    "New theme" in response.content.decode(), person in (self.admin, self.cx_lead)
                )

    def test_admins_and_cx_leads_add_a_theme(self) -> None:
        for number, person in enumerate((self.admin, self.cx_lead)):
            self.login(person)
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(
                    reverse("insights:theme_create"),
                    {
                        "name": f"parking {number}",
                        "seed_words": "parking, car park",
                        "description": "",
                    },
                )
            self.assertRedirects(response, reverse("insights:theme_list"))
            self.assertEqual(self.theme(f"parking {number}").seed_words, ["parking", "car park"])
        self.assertTrue(Reanalysis.objects.filter(organisation=self.org).exists())

    def test_members_and_viewers_are_refused_every_change(self) -> None:
        theme = self.theme()
        for person in (self.owner, self.viewer):
            self.login(person)
            with self.subTest(person=person.email):
                for url in (
                    reverse("insights:theme_create"),
                    reverse("insights:theme_edit", args=[theme.pk]),
                    reverse("insights:theme_delete", args=[theme.pk]),
                ):
                    self.assertEqual(self.client.get(url).status_code, 403)
                    self.assertEqual(
                        self.client.post(url, {"name": "x", "seed_words": "x"}).status_code, 403
                    )
                for url in (
                    reverse("insights:reanalysis_start"),
                    reverse("insights:theme_discover"),
                ):
                    self.assertEqual(self.client.post(url).status_code, 403)
                self.assertEqual(
                    self.client.get(reverse("insights:proposal_list")).status_code, 403
                )
        self.assertEqual(self.theme().name, "price")
        self.assertFalse(Reanalysis.objects.exists())

    def test_another_organisations_themes_are_not_found(self) -> None:
        theirs = self.theme(organisation=self.other_org)
        self.login(self.admin)
        for name in ("theme_edit", "theme_delete"):
            url = reverse(f"insights:{name}", args=[theirs.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(
                self.client.post(url, {"name": "x", "seed_words": "x"}).status_code, 404
            )
        self.assertEqual(self.theme(organisation=self.other_org).name, "price")

    def test_an_invalid_theme_is_shown_again_with_the_reason(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("insights:theme_create"), {"name": "Billing", "seed_words": "x"}
        )
        self.assertContains(response, "There is a theme with this name already.")

    def test_editing_a_theme_shows_its_words_and_saves_the_change(self) -> None:
        theme = self.theme()
        self.login(self.cx_lead)
        url = reverse("insights:theme_edit", args=[theme.pk])
        self.assertContains(self.client.get(url), "expensive, cheap")
        self.client.post(
            url, {"name": "cost", "seed_words": "price, cost", "description": "What it costs"}
        )
        theme.refresh_from_db()
        self.assertEqual((theme.name, theme.seed_words), ("cost", ["price", "cost"]))

    def test_deleting_asks_first_and_then_deletes(self) -> None:
        theme = self.theme()
        self.login(self.admin)
        url = reverse("insights:theme_delete", args=[theme.pk])
        self.assertContains(self.client.get(url), "Delete the theme")
        self.assertTrue(ThemeDefinition.objects.filter(pk=theme.pk).exists())
        self.client.post(url)
        self.assertFalse(ThemeDefinition.objects.filter(pk=theme.pk).exists())

    def test_a_parent_theme_is_not_deleted_and_the_reason_is_shown(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("insights:theme_delete", args=[self.theme("billing").pk]), follow=True
        )
        self.assertContains(response, "has sub-themes")

    def test_theme_names_are_escaped(self) -> None:
        self.login(self.admin)
        self.client.post(
            reverse("insights:theme_create"), {"name": "<b>bold</b>", "seed_words": "<i>x</i>"}
        )
        response = self.client.get(reverse("insights:theme_list"))
        self.assertContains(response, "&lt;b&gt;bold&lt;/b&gt;")
        self.assertNotContains(response, "<b>bold</b>")


class ProposalPagesTest(PersonasTestCase):
    def proposal(self, organisation: Organisation | None = None) -> ThemeProposal:
        return ThemeProposal.objects.create(
            organisation=organisation or self.org,
            name="parking / lot",
            key_terms=["parking", "lot"],
            examples=["<script>alert(1)</script> parking lot full"],
            size=12,
        )

    def test_discovery_runs_only_on_post(self) -> None:
        for n in range(30):
            comment = f"{COMMENTS[n % len(COMMENTS)]} ({n})"
            Response.objects.create(organisation=self.org, channel="api", comment=comment)
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(reverse("insights:theme_discover")).status_code, 405)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("insights:theme_discover"))
        self.assertRedirects(response, f"{reverse('insights:proposal_list')}?looking=1")
        self.assertTrue(ThemeProposal.objects.filter(organisation=self.org).exists())

    def test_an_empty_list_just_after_asking_says_the_comments_are_being_read(self) -> None:
        self.login(self.cx_lead)
        with self.captureOnCommitCallbacks(execute=False):  # the worker has not read them yet
            asked = self.client.post(reverse("insights:theme_discover"), follow=True)
        self.assertContains(asked, "Your comments are being read for new themes")
        self.assertNotContains(asked, "No proposals at the moment")
        later = self.client.get(reverse("insights:proposal_list"))
        self.assertContains(later, "No proposals at the moment")

    def test_proposals_show_their_comments_escaped(self) -> None:
        self.proposal()
        self.login(self.admin)
        response = self.client.get(reverse("insights:proposal_list"))
        self.assertContains(response, "parking / lot")
        self.assertContains(response, "&lt;script&gt;")
        self.assertNotContains(response, "<script>alert")

    def test_accepting_makes_it_a_theme(self) -> None:
        proposal = self.proposal()
        self.login(self.admin)
        url = reverse("insights:proposal_decide", args=[proposal.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url, {"action": "accept"})
        proposal.refresh_from_db()
        self.assertEqual((proposal.status, proposal.decided_by), ("accepted", self.admin))
        self.assertTrue(
            ThemeDefinition.objects.filter(organisation=self.org, name="parking / lot").exists()
        )

    def test_rejecting_keeps_it_out_of_the_taxonomy(self) -> None:
        proposal = self.proposal()
        self.login(self.cx_lead)
        self.client.post(
            reverse("insights:proposal_decide", args=[proposal.pk]), {"action": "reject"}
        )
        proposal.refresh_from_db()
        self.assertEqual(proposal.status, "rejected")
        self.assertFalse(ThemeDefinition.objects.filter(name="parking / lot").exists())

    def test_another_organisations_proposal_is_not_found(self) -> None:
        theirs = self.proposal(self.other_org)
        self.login(self.admin)
        response = self.client.post(
            reverse("insights:proposal_decide", args=[theirs.pk]), {"action": "accept"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(ThemeProposal.objects.get(pk=theirs.pk).status, "open")

    def test_members_may_not_decide(self) -> None:
        proposal = self.proposal()
        self.login(self.owner)
        response = self.client.post(
            reverse("insights:proposal_decide", args=[proposal.pk]), {"action": "accept"}
        )
        self.assertEqual(response.status_code, 403)


class ReanalysisPageTest(PersonasTestCase):
    def test_the_progress_is_shown_and_polls_while_running(self) -> None:
        Reanalysis.objects.create(
            organisation=self.org,
            reason="Theme “parking” added",
            version="v",
            status="running",
            total=200,
            done=50,
            chunks=4,
        )
        self.login(self.viewer)
        response = self.client.get(reverse("insights:reanalysis"))
        self.assertContains(response, "25%")
        self.assertContains(response, 'hx-trigger="every 2s"')
        self.assertContains(response, 'http-equiv="refresh"')  # without JavaScript
        fragment = self.client.get(reverse("insights:reanalysis"), headers={"HX-Request": "true"})
        self.assertNotContains(fragment, "<html")
        self.assertContains(fragment, 'aria-valuenow="25"')

    def test_a_finished_reanalysis_stops_polling(self) -> None:
        Reanalysis.objects.create(
            organisation=self.org, reason="r", version="v", status="done", total=5, done=5
        )
        self.login(self.owner)
        response = self.client.get(reverse("insights:reanalysis"))
        self.assertNotContains(response, "hx-trigger")
        self.assertContains(response, "Done")

    def test_readings_made_by_an_earlier_engine_are_counted_with_the_way_to_read_them_again(
        self,
    ) -> None:
        response = Response.objects.create(
            organisation=self.org, channel="api", comment="The delivery was late."
        )
        services.responses_analyse(response_ids=[response.pk])
        ResponseAnalysis.objects.filter(response=response).update(engine_version="engine-1:x")
        self.login(self.cx_lead)

        page = self.client.get(reverse("insights:theme_list"))

        self.assertContains(
            page, "1 reading was made with earlier themes or an earlier version of the engine"
        )
        start = reverse("insights:reanalysis_start")
        self.assertContains(page, f'<form method="post" action="{start}" class="inline">')
        self.assertContains(page, "Read every comment again</button>")
        # the re-analysis page offers it once, at its head, and no link to itself
        again = self.client.get(reverse("insights:reanalysis"))
        self.assertContains(again, "Read every comment again</button>", count=1)
        self.assertNotContains(again, f'<a href="{reverse("insights:reanalysis")}">')
        self.login(self.viewer)  # who may not start one is not offered it
        page = self.client.get(reverse("insights:theme_list"))
        self.assertContains(page, "1 reading was made with earlier themes")
        self.assertNotContains(page, "Read every comment again")

    def test_a_reanalysis_being_prepared_says_so_not_zero_of_zero(self) -> None:
        Reanalysis.objects.create(organisation=self.org, reason="r", version="v")
        self.login(self.viewer)
        page = self.client.get(reverse("insights:reanalysis"))
        self.assertContains(page, "Preparing…</span> Counting the comments to read again. r,")
        self.assertNotContains(page, "0 of 0")

    def test_another_organisations_reanalysis_is_not_shown(self) -> None:
        Reanalysis.objects.create(
            organisation=self.other_org,
            reason="Secret change",
            version="v",
            status="running",
            total=9,
        )
        self.login(self.admin)
        self.assertNotContains(self.client.get(reverse("insights:reanalysis")), "Secret change")

    def test_the_button_starts_a_reanalysis(self) -> None:
        Response.objects.create(organisation=self.org, channel="api", comment="Late delivery")
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(reverse("insights:reanalysis_start")).status_code, 405)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("insights:reanalysis_start"))
        job = Reanalysis.objects.get(organisation=self.org)
        self.assertEqual((job.status, job.done, job.started_by), ("done", 1, self.cx_lead))
        self.assertEqual(job.reason, f"Asked for by {self.cx_lead.get_full_name()}")
        self.assertContains(
            self.client.get(reverse("insights:reanalysis")),
            f"Asked for by {self.cx_lead.get_full_name()}: 1 comment read again",
        )

    def test_a_reanalysis_under_a_minute_old_says_just_now_not_zero_minutes(self) -> None:
        now = timezone.now()
        Reanalysis.objects.create(
            organisation=self.org,
            reason="Theme “parking” added",
            version="v",
            status="running",
            total=200,
            done=50,
        )
        self.login(self.viewer)
        with mock.patch("centric.core.clock.now", return_value=now + dt.timedelta(seconds=20)):
            running = self.client.get(reverse("insights:reanalysis"))
        self.assertContains(running, "Theme “parking” added, just now.")
        self.assertNotContains(running, "0\xa0minutes")
        Reanalysis.objects.update(status="done", done=200, finished_at=now)
        with mock.patch("centric.core.clock.now", return_value=now + dt.timedelta(seconds=5)):
            self.assertContains(
                self.client.get(reverse("insights:reanalysis")), "finished just now"
            )
        with mock.patch("centric.core.clock.now", return_value=now + dt.timedelta(minutes=5)):
            self.assertContains(
                self.client.get(reverse("insights:reanalysis")), "finished 5\xa0minutes ago"
            )
