"""The taxonomy pages show a theme whole: its seed words in a box as tall as they are, whole
words in the list with how many more, the example comments given, how many comments each theme
was found in, and the re-reading only when there is one to tell of."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import Reanalysis, ThemeDefinition
from tests.personas import PersonasTestCase

MANY_WORDS = [
    "delivery",
    "deliver",
    "delivered",
    "shipping",
    "shipped",
    "ship",
    "arrived",
    "arrive",
    "package",
    "parcel",
    "courier",
    "tracking",
    "dispatch",
    "postage",
    "late delivery",
]


class ThemeEditorTest(PersonasTestCase):
    def test_the_seed_words_are_a_box_as_tall_as_they_are(self) -> None:
        theme = ThemeDefinition.objects.get(organisation=self.org, name="delivery")
        theme.seed_words = MANY_WORDS
        theme.save()
        self.login(self.cx_lead)

        page = self.client.get(reverse("insights:theme_edit", args=[theme.pk]))

        box = re.search(
            r'<textarea name="seed_words"[^>]*>([^<]*)</textarea>', page.content.decode()
        )
        assert box is not None
        self.assertIn('class="fits-content"', box.group(0))
        self.assertEqual(box.group(1).strip(), ", ".join(MANY_WORDS))
        rows = re.search(r'rows="(\d+)"', box.group(0))
        assert rows is not None
        self.assertGreaterEqual(int(rows.group(1)), 3)  # 160 characters: 3 lines and 1 to spare
        new = self.client.get(reverse("insights:theme_create")).content.decode()
        self.assertRegex(new, r'<textarea name="seed_words" [^>]*rows="2"')

    def test_seed_words_may_be_given_one_a_line(self) -> None:
        self.login(self.cx_lead)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("insights:theme_create"),
                {"name": "parking", "seed_words": "parking\r\ncar park, garage\r\n"},
            )
        self.assertRedirects(response, reverse("insights:theme_list"))
        self.assertEqual(
            ThemeDefinition.objects.get(organisation=self.org, name="parking").seed_words,
            ["parking", "car park", "garage"],
        )


class ThemeListTest(PersonasTestCase):
    def comment(self, text: str, customer: Customer) -> None:
        response = Response.objects.create(
            organisation=self.org,
            customer=customer,
            channel=Response.Channel.API,
            comment=text,
            responded_at=timezone.now() - dt.timedelta(days=1),
        )
        services.responses_analyse(response_ids=[response.pk])

    def row(self, page: str, theme: str) -> str:
        return page.split(f'<th scope="row">{theme}</th>')[1].split("</tr>")[0]

    def test_seed_words_are_cut_between_words_with_how_many_more(self) -> None:
        ThemeDefinition.objects.filter(organisation=self.org, name="delivery").update(
            seed_words=MANY_WORDS
        )
        self.login(self.viewer)

        row = self.row(self.client.get(reverse("insights:theme_list")).content.decode(), "delivery")

        shown = row.split('data-label="Seed words">')[1].split("<details")[0]
        self.assertTrue(shown)
        words = shown.split(", ")
        self.assertEqual(words, MANY_WORDS[: len(words)])  # whole words, in order
        more = len(MANY_WORDS) - len(words)
        self.assertGreater(more, 0)
        self.assertIn(f"+{more} more", row)
        self.assertIn(", ".join(MANY_WORDS[len(words) :]), row)  # the rest, unfolded on asking
        self.assertNotIn("…", row)

    def test_each_theme_gives_its_example_comments_and_the_comments_it_was_found_in(self) -> None:
        ThemeDefinition.objects.filter(organisation=self.org, name="delivery").update(
            examples=["The parcel came a week late.", "Where is my order?"]
        )
        acme = Customer.objects.get(account=self.account)
        self.comment("The delivery was late again.", acme)
        self.comment("Delivery took three weeks.", acme)
        self.comment("The invoice was wrong.", acme)

        self.login(self.owner)
        page = self.client.get(reverse("insights:theme_list")).content.decode()
        self.assertIn("Example comments</th>", page)
        self.assertIn("Comments found in</th>", page)
        delivery = self.row(page, "delivery")
        self.assertIn('<td class="num" data-label="Example comments">2</td>', delivery)
        self.assertIn('<td class="num" data-label="Comments found in">2</td>', delivery)
        self.assertIn('data-label="Comments found in">0</td>', self.row(page, "price"))
        # only the comments the reader may see: the outsider serves none of Acme
        self.login(self.outsider)
        page = self.client.get(reverse("insights:theme_list")).content.decode()
        self.assertIn('data-label="Comments found in">0</td>', self.row(page, "delivery"))

    def test_the_counts_take_one_query_however_many_themes(self) -> None:
        self.login(self.viewer)
        url = reverse("insights:theme_list")
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for name in ("parking", "packaging", "printing"):
            ThemeDefinition.objects.create(organisation=self.org, name=name, seed_words=[name])
        with CaptureQueriesContext(connection) as more:
            self.client.get(url)
        self.assertEqual(len(more), len(few))

    def test_the_re_reading_is_told_of_only_when_there_is_one(self) -> None:
        self.login(self.viewer)
        page = self.client.get(reverse("insights:theme_list"))
        self.assertNotContains(page, 'id="reanalysis"')
        self.assertNotContains(page, "have not needed re-reading")

        Reanalysis.objects.create(
            organisation=self.org, reason="Theme “parking” added", version="v", status="done"
        )
        page = self.client.get(reverse("insights:theme_list"))
        self.assertContains(page, 'id="reanalysis"')
        self.assertContains(page, "Theme “parking” added")
