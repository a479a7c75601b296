"""The Insights pages as a screen reader meets them: a comment in another language is marked as
such, a meter drawn beside its figure is not read out twice, a button is named by what it says,
the segment select keeps its id when it is swapped, and the work that runs in the background is
announced once it ends rather than at every poll."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import Reanalysis, SentimentCalibration, ThemeProposal
from tests.personas import PersonasTestCase

HTMX = {"HX-Request": "true", "HX-Target": "results"}
POLL = {"HX-Request": "true"}


class CommentLanguageTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        now = timezone.now()
        # enough comments on billing that its share is drawn as a meter, not told in words
        responses = [
            Response.objects.create(
                organisation=cls.org,
                customer=acme,
                channel=Response.Channel.API,
                score=2,
                score_type="nps",
                comment=comment,
                language=language,
                responded_at=now - dt.timedelta(days=1 + i),
            )
            for i in range(10)
            for comment, language in (
                ("Die Rechnung war falsch und der Support hat nie geantwortet.", "de"),
                ("The invoice was wrong again and nobody called me back.", "en"),
            )
        ]
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def test_each_comment_is_marked_with_its_language(self) -> None:
        self.login(self.cx_lead)
        for page in (
            self.client.get(reverse("insights:comments")),
            self.client.get(reverse("customers:account_detail", args=[self.account.pk])),
        ):
            with self.subTest(page=page.wsgi_request.path):
                self.assertContains(page, '<p class="comment" lang="de">')
                self.assertContains(page, '<p class="comment" lang="en">')

    def test_a_meter_beside_its_figure_is_hidden_from_a_screen_reader(self) -> None:
        self.login(self.cx_lead)
        for page in (
            self.client.get(reverse("insights:overview")),
            self.client.get(reverse("customers:account_detail", args=[self.account.pk])),
        ):
            with self.subTest(page=page.wsgi_request.path):
                html = page.content.decode()
                cells = [cell.split("</td>")[0] for cell in html.split('<td class="meter"')[1:]]
                drawn = [cell for cell in cells if "<svg" in cell]
                self.assertTrue(drawn)
                for cell in drawn:
                    self.assertIn('<span aria-hidden="true"><svg', cell)

    def test_the_customers_themes_scroll_in_their_frame_on_a_phone(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
        voice = page.content.decode().split('aria-labelledby="voice-h"')[1]
        frame = voice.split('<div class="table-wrap">')[1].split("</div>")[0]
        self.assertIn('<table class="answer-themes">', frame)


class ProposalButtonsTest(PersonasTestCase):
    def test_each_button_is_named_by_what_it_says_then_the_proposal(self) -> None:
        # a person who says "click Accept as a theme" reaches the button by its visible words
        ThemeProposal.objects.create(
            organisation=self.org, name="parking", key_terms=["parking"], examples=[], size=3
        )
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:proposal_list"))
        self.assertContains(page, 'aria-label="Accept as a theme: parking">Accept as a theme<')
        self.assertContains(page, 'aria-label="Reject: parking">Reject<')


class SegmentFilterTest(PersonasTestCase):
    def test_the_swapped_segment_select_keeps_its_id_so_the_focus_stays_on_it(self) -> None:
        self.login(self.cx_lead)
        for name in ("overview", "comments"):
            with self.subTest(page=name):
                page = self.client.get(reverse(f"insights:{name}")).content.decode()
                fragment = self.client.get(reverse(f"insights:{name}"), headers=HTMX)
                self.assertIn('<select name="segment" id="segment-filter-select"', page)
                self.assertContains(fragment, '<select name="segment" id="segment-filter-select"')


class BackgroundWorkTest(PersonasTestCase):
    def test_the_re_reading_is_said_once_it_ends_not_at_every_poll(self) -> None:
        job = Reanalysis.objects.create(
            organisation=self.org, reason="Theme added", version="v", status="running", total=40
        )
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:reanalysis")).content.decode()
        self.assertNotIn("aria-live", page)
        self.assertIn('<p id="reanalysis-status" class="visually-hidden" role="status">', page)
        # the card polls; the live region is outside it, and the polls leave it alone
        self.assertLess(page.index('id="reanalysis-status"'), page.index('id="reanalysis"'))
        self.assertNotContains(
            self.client.get(reverse("insights:reanalysis"), headers=POLL), "reanalysis-status"
        )
        Reanalysis.objects.filter(pk=job.pk).update(status="done")
        finished = self.client.get(reverse("insights:reanalysis"), headers=POLL)
        self.assertContains(
            finished,
            '<p id="reanalysis-status" hx-swap-oob="innerHTML">Done: 40 comments read again.</p>',
            html=True,
        )

    def test_the_sentiment_learnt_is_said_once_it_is_learnt(self) -> None:
        learning = SentimentCalibration.objects.create(organisation=self.org, positive=40)
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:sentiment")).content.decode()
        self.assertNotIn("aria-live", page)
        self.assertIn('<p id="sentiment-status" class="visually-hidden" role="status">', page)
        self.assertNotContains(
            self.client.get(reverse("insights:sentiment"), headers=POLL), "sentiment-status"
        )
        SentimentCalibration.objects.filter(pk=learning.pk).update(
            status="failed", error="Too few."
        )
        finished = self.client.get(reverse("insights:sentiment"), headers=POLL)
        self.assertContains(finished, 'hx-swap-oob="innerHTML">Failed: Too few.</p>')
