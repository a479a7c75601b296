"""A proposed theme joins a theme there is already (a topic found in another language's comments,
say), proposals say which language they were found in, and a proposal the taxonomy comes to
cover is withdrawn."""

from __future__ import annotations

from django.urls import reverse

from centric.insights import services
from centric.insights.models import Reanalysis, ThemeDefinition, ThemeProposal
from centric.insights.services.themes import proposal_seed_words
from centric.insights.tests.test_taxonomy import GERMAN_COMMENTS, TaxonomyTestCase
from centric.insights.text import covering_theme
from centric.insights.text.taxonomy import Taxonomy, Theme

FRENCH = "Merci pour le bilan carbone par pièce, il est allé directement dans notre rapport RSE."


class ProposalMergeTest(TaxonomyTestCase):
    def setUp(self) -> None:
        self.theme = ThemeDefinition.objects.create(
            organisation=self.org, name="sustainability", seed_words=["carbon footprint"]
        )
        self.proposal = ThemeProposal.objects.create(
            organisation=self.org,
            name="allé / directement",
            key_terms=["allé", "directement", "bilan carbone", "carbone", "rapport"],
            examples=[FRENCH, "<b>Le bilan carbone</b> manque."],
            size=9,
            language="fr",
        )
        self.url = reverse("insights:proposal_decide", args=[self.proposal.pk])

    def merge(self, **data: object):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, {"action": "merge", **data}, follow=True)

    def test_the_chosen_terms_join_the_theme_and_it_finds_the_comments(self) -> None:
        self.login(self.cx_lead)
        page = self.merge(theme=self.theme.pk, terms=["bilan carbone", "carbone"])

        self.assertContains(page, "“allé / directement” joined “sustainability”.")
        self.theme.refresh_from_db()
        self.assertEqual(self.theme.seed_words, ["carbon footprint", "bilan carbone", "carbone"])
        self.assertEqual(self.theme.examples, [FRENCH, "<b>Le bilan carbone</b> manque."])
        self.proposal.refresh_from_db()
        self.assertEqual(
            (self.proposal.status, self.proposal.decided_by), ("accepted", self.cx_lead)
        )
        self.assertTrue(Reanalysis.objects.filter(organisation=self.org).exists())
        # the French comment is the theme's now
        response = self.response(FRENCH)
        services.responses_analyse(response_ids=[response.pk])
        self.assertIn("sustainability", self.themes_of(response))

    def test_nothing_changes_without_a_theme_or_a_term(self) -> None:
        self.login(self.admin)
        for data, error in (
            ({"terms": ["carbone"]}, "Choose the theme it joins."),
            (
                {"theme": self.theme.pk},
                "Choose at least one of its terms to add to “sustainability”.",
            ),
            ({"theme": self.theme.pk, "terms": ["not one of its terms"]}, "Choose at least one"),
        ):
            with self.subTest(data=data):
                self.assertContains(self.merge(**data), error)
        self.theme.refresh_from_db()
        self.assertEqual(self.theme.seed_words, ["carbon footprint"])
        self.assertEqual(ThemeProposal.objects.get(pk=self.proposal.pk).status, "open")

    def test_only_the_organisations_own_theme_and_only_admins_and_cx_leads(self) -> None:
        theirs = ThemeDefinition.objects.create(organisation=self.other_org, name="theirs")
        self.login(self.admin)
        self.assertEqual(self.merge(theme=theirs.pk, terms=["carbone"]).status_code, 404)
        self.assertEqual(self.merge(theme="x", terms=["carbone"]).status_code, 404)
        self.login(self.owner)
        self.assertEqual(self.merge(theme=self.theme.pk, terms=["carbone"]).status_code, 403)
        self.assertEqual(ThemeProposal.objects.get(pk=self.proposal.pk).status, "open")
        self.assertEqual(ThemeDefinition.objects.get(pk=theirs.pk).seed_words, [])

    def test_the_page_names_each_proposals_language_and_ticks_the_terms_of_its_name(self) -> None:
        ThemeProposal.objects.create(
            organisation=self.org, name="parking / lot", key_terms=["parking", "lot"], size=3
        )
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:proposal_list"))
        self.assertContains(page, "French · 9 comments")
        self.assertContains(page, "English · 3 comments")
        self.assertContains(page, f'<option value="{self.theme.pk}">sustainability</option>')
        self.assertContains(page, 'value="allé" checked')
        self.assertContains(page, 'value="carbone">')  # not in its name: not ticked
        self.assertContains(page, "&lt;b&gt;Le bilan carbone&lt;/b&gt;")

    def test_a_language_is_named_once_a_proposal_is_not_english(self) -> None:
        self.login(self.cx_lead)
        url = reverse("insights:proposal_list")
        self.assertContains(self.client.get(url), "French · 9 comments")
        self.proposal.language = "en"
        self.proposal.save()
        self.assertContains(self.client.get(url), "9 comments")
        self.assertNotContains(self.client.get(url), "English ·")


class ProposalLanguageTest(TaxonomyTestCase):
    def test_discovery_keeps_the_language_each_proposal_was_found_in(self) -> None:
        german = [
            self.response(f"{GERMAN_COMMENTS[n % len(GERMAN_COMMENTS)]} ({n})") for n in range(30)
        ]
        services.responses_analyse(response_ids=[response.pk for response in german])
        services.themes_discover(organisation_id=self.org.pk)
        proposals = ThemeProposal.objects.filter(organisation=self.org)
        self.assertTrue(proposals)
        self.assertEqual({proposal.language for proposal in proposals}, {"de"})

    def test_a_proposal_the_taxonomy_comes_to_cover_is_withdrawn(self) -> None:
        parking, canteen = (
            ThemeProposal.objects.create(
                organisation=self.org, name=name, key_terms=terms, examples=examples, size=5
            )
            for name, terms, examples in (
                ("parking / lot", ["parking", "lot", "parking lot"], ["The parking lot is full."]),
                ("canteen / lunch", ["canteen", "lunch"], ["The canteen closes before lunch."]),
            )
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.theme_save(
                actor=self.admin, values={"name": "car park", "seed_words": ["parking"]}
            )
        open_ones = ThemeProposal.objects.filter(organisation=self.org, status="open")
        self.assertEqual(list(open_ones), [canteen])
        self.assertFalse(ThemeProposal.objects.filter(pk=parking.pk).exists())


def test_covering_theme_reads_the_proposals_language() -> None:
    taxonomy = Taxonomy((Theme("sustainability", "", ("bilan carbone",)),))
    assert (
        covering_theme(taxonomy, ["bilan carbone", "rapport"], [FRENCH], "fr") == "sustainability"
    )
    assert covering_theme(taxonomy, ["parking", "lot"], ["The parking lot is full."]) is None


def test_the_seed_words_of_a_proposal_named_by_a_phrase_are_the_terms_of_its_words() -> None:
    phrase = ThemeProposal(name="bilan carbone", key_terms=["bilan carbone", "carbone", "rapport"])
    pair = ThemeProposal(name="parking / places", key_terms=["parking", "places libres", "entrée"])

    assert proposal_seed_words(phrase) == ["bilan carbone", "carbone"]
    assert proposal_seed_words(pair) == ["parking", "places libres"]
