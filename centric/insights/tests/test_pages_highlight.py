"""A comment's marks name a theme once, at its first mark, and run the words of one kind side by
side together; signals and flag reasons are named at every mark."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.highlight import highlighted, theme_spans
from tests.personas import PersonasTestCase

SUPPORT = [{"name": "support", "evidence": ["support", "solved", "problem"]}]


class ThemeLabelTest(SimpleTestCase):
    def test_a_theme_is_named_at_its_first_mark_and_its_words_side_by_side_are_one_mark(
        self,
    ) -> None:
        text = "Support solved our problem on the first call."

        html = highlighted(text, theme_spans(text, SUPPORT))

        self.assertEqual(
            html,
            '<mark>Support solved</mark><sup class="mark-kind muted">theme: support</sup> our '
            '<mark title="theme: support">problem</mark>'
            '<span class="visually-hidden"> theme: support</span> on the first call.',
        )
        self.assertEqual(html.count("mark-kind"), 1)

    def test_each_theme_is_named_once_and_different_themes_side_by_side_stay_apart(self) -> None:
        text = "Billing support, billing again"
        spans = theme_spans(
            text,
            [
                {"name": "billing", "evidence": ["billing"]},
                {"name": "support", "evidence": ["support"]},
            ],
        )
        spans.append({"kind": "theme: billing", "start": 17, "end": 24, "label_once": True})

        html = highlighted(text, spans)

        self.assertIn(
            '<mark>Billing</mark><sup class="mark-kind muted">theme: billing</sup> ', html
        )
        self.assertIn('<mark>support</mark><sup class="mark-kind muted">theme: support</sup>', html)
        self.assertIn('<mark title="theme: billing">billing</mark>', html)

    def test_words_apart_by_more_than_spaces_are_not_joined(self) -> None:
        text = "Support, solved"
        html = highlighted(text, theme_spans(text, SUPPORT))
        self.assertIn("<mark>Support</mark>", html)
        self.assertIn('<mark title="theme: support">solved</mark>', html)

    def test_signals_and_flag_reasons_are_named_at_every_mark(self) -> None:
        text = "We will cancel. Really, we will cancel."
        html = highlighted(
            text,
            [
                {"kind": "churn_risk", "start": 8, "end": 14},
                {"kind": "churn_risk", "start": 32, "end": 38},
            ],
        )
        self.assertEqual(html.count('<sup class="mark-kind muted">churn risk</sup>'), 2)
        self.assertNotIn("title=", html)

    def test_a_themes_name_is_escaped_where_it_is_only_a_title(self) -> None:
        text = "late and late"
        spans = [
            {"kind": 'theme: "x"<b>', "start": 0, "end": 4, "label_once": True},
            {"kind": 'theme: "x"<b>', "start": 9, "end": 13, "label_once": True},
        ]
        html = highlighted(text, spans)
        self.assertIn('<mark title="theme: &quot;x&quot;&lt;b&gt;">late</mark>', html)
        self.assertNotIn("<b>", html)


class ExplorerMarksTest(PersonasTestCase):
    def test_the_explorer_names_each_theme_once_in_a_comment(self) -> None:
        response = Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(account=self.account),
            channel=Response.Channel.API,
            comment="Support solved our problem on the first call, and support was kind.",
            responded_at=timezone.now(),
        )
        services.responses_analyse(response_ids=[response.pk])
        self.login(self.owner)

        page = self.client.get(reverse("insights:comments"), {"q": "first call"})

        self.assertContains(page, '<sup class="mark-kind muted">theme: support</sup>', count=1)
        self.assertContains(page, '<mark title="theme: support">')
        self.assertContains(
            page,
            "Marked in each comment: care signals and the reasons for urgency and churn-risk "
            "flags, each followed by what it is, and the words that found each theme, the theme "
            "named after its first mark.",
        )
