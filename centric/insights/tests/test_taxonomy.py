"""The organisation's taxonomy: where it starts, how the pipeline reads with it, how it is edited
and how a change brings every past reading up to date in chunks."""

from __future__ import annotations

import importlib
import itertools
import re
from typing import Any
from unittest.mock import patch

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from centric.core.models import AuditEvent
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.forms import ThemeForm
from centric.insights.models import (
    Reanalysis,
    ReanalysisChunk,
    ResponseAnalysis,
    ThemeDefinition,
    ThemeMention,
    ThemeProposal,
)
from centric.insights.services import analysis, reanalysis
from centric.insights.services.analysis import Readings
from centric.insights.taxonomy import organisation_taxonomy
from centric.insights.text import DEFAULT_TAXONOMY
from tests.factories import OrganisationFactory
from tests.personas import PersonasTestCase


class TaxonomyTestCase(PersonasTestCase):
    def response(self, comment: str, **values: Any) -> Response:
        return Response.objects.create(
            organisation=values.pop("organisation", self.org),
            channel=Response.Channel.API,
            comment=comment,
            **values,
        )

    def themes_of(self, response: Response) -> list[str]:
        return sorted(
            ThemeMention.objects.filter(response=response).values_list("theme", flat=True)
        )

    def form(self, data: dict[str, Any], theme: ThemeDefinition | None = None) -> ThemeForm:
        values = {"name": "", "description": "", "seed_words": "", "examples": "", "parent": ""}
        return ThemeForm({**values, **data}, instance=theme, organisation_id=self.org.pk)


class DefaultTaxonomyTest(TaxonomyTestCase):
    def test_a_new_organisation_starts_with_the_default_themes(self) -> None:
        organisation = OrganisationFactory.create()
        taxonomy = organisation_taxonomy(organisation_id=organisation.pk).taxonomy
        self.assertEqual(sorted(taxonomy.names), sorted(DEFAULT_TAXONOMY.names))
        self.assertEqual(taxonomy.by_name["refunds"].parent, "billing")
        self.assertEqual(
            taxonomy.by_name["billing"].seed_words, DEFAULT_TAXONOMY.by_name["billing"].seed_words
        )

    def test_equal_themes_have_equal_versions_and_a_change_a_new_one(self) -> None:
        first = organisation_taxonomy(organisation_id=self.org.pk).version
        self.assertEqual(first, organisation_taxonomy(organisation_id=self.other_org.pk).version)
        ThemeDefinition.objects.filter(organisation=self.org, name="price").update(description="x")
        self.assertNotEqual(organisation_taxonomy(organisation_id=self.org.pk).version, first)


class DefaultSeedWordsMigrationTest(TaxonomyTestCase):
    def test_unedited_default_themes_take_the_new_seed_words_and_edited_ones_stay(self) -> None:
        migration = importlib.import_module("centric.insights.migrations.0007_default_seed_senses")
        old, new = (migration._words(words) for words in migration.CHANGED["billing"])
        ThemeDefinition.objects.filter(name="billing").update(seed_words=old)
        ThemeDefinition.objects.filter(organisation=self.other_org, name="billing").update(
            seed_words=["invoice", "paid"]
        )

        migration.new_defaults(apps, None)

        seeds = dict(
            ThemeDefinition.objects.filter(name="billing").values_list(
                "organisation_id", "seed_words"
            )
        )
        self.assertEqual(seeds[self.org.pk], new)
        self.assertEqual(seeds[self.other_org.pk], ["invoice", "paid"])
        self.assertEqual(tuple(new), DEFAULT_TAXONOMY.by_name["billing"].seed_words)

    def test_an_unedited_communication_theme_learns_that_nobody_tells(self) -> None:
        migration = importlib.import_module("centric.insights.migrations.0009_default_seed_tells")
        ThemeDefinition.objects.filter(name="communication").update(
            seed_words=migration._words(migration.OLD)
        )
        ThemeDefinition.objects.filter(organisation=self.other_org, name="communication").update(
            seed_words=["email"]
        )

        migration.new_defaults(apps, None)

        seeds = dict(
            ThemeDefinition.objects.filter(name="communication").values_list(
                "organisation_id", "seed_words"
            )
        )
        self.assertEqual(
            tuple(seeds[self.org.pk]), DEFAULT_TAXONOMY.by_name["communication"].seed_words
        )
        self.assertEqual(seeds[self.other_org.pk], ["email"])

    def test_organisations_on_the_defaults_gain_the_relationship_theme(self) -> None:
        migration = importlib.import_module("centric.insights.migrations.0010_default_relationship")
        # both as they were before the migration; the other organisation edited its themes
        ThemeDefinition.objects.filter(name="relationship").delete()
        ThemeDefinition.objects.filter(name="product quality").update(
            seed_words=migration._words(migration.OLD_QUALITY)
        )
        ThemeDefinition.objects.filter(organisation=self.other_org, name="design").update(
            name="look and feel"
        )
        ThemeDefinition.objects.filter(organisation=self.other_org, name="product quality").update(
            seed_words=["quality", "made"]
        )

        migration.new_defaults(apps, None)

        quality = dict(
            ThemeDefinition.objects.filter(name="product quality").values_list(
                "organisation_id", "seed_words"
            )
        )
        default = DEFAULT_TAXONOMY.by_name
        # the defaults of the day (a later migration changed some seed words again)
        self.assertEqual(quality[self.org.pk], migration._words(migration.NEW_QUALITY))
        self.assertEqual(quality[self.other_org.pk], ["quality", "made"])
        added = ThemeDefinition.objects.get(name="relationship")
        self.assertEqual(added.organisation_id, self.org.pk)
        self.assertEqual(added.seed_words, migration._words(migration.RELATIONSHIP["seed_words"]))
        self.assertEqual(added.description, default["relationship"].description)

        migration.old_defaults(apps, None)  # and back

        self.assertFalse(ThemeDefinition.objects.filter(name="relationship").exists())
        self.assertIn(
            "made",
            ThemeDefinition.objects.get(organisation=self.org, name="product quality").seed_words,
        )

    def test_unedited_themes_drop_the_seed_words_that_meant_another_thing(self) -> None:
        migration = importlib.import_module(
            "centric.insights.migrations.0016_default_seed_collisions"
        )
        for name, (old, _) in migration.CHANGED.items():
            ThemeDefinition.objects.filter(name=name).update(seed_words=migration._words(old))
        ThemeDefinition.objects.filter(organisation=self.other_org, name="onboarding").update(
            seed_words=["training", "setup"]
        )

        migration.new_defaults(apps, None)

        for name in migration.CHANGED:
            mine = ThemeDefinition.objects.get(organisation=self.org, name=name)
            self.assertEqual(tuple(mine.seed_words), DEFAULT_TAXONOMY.by_name[name].seed_words)
        edited = ThemeDefinition.objects.get(organisation=self.other_org, name="onboarding")
        self.assertEqual(edited.seed_words, ["training", "setup"])


class PipelineReadsTheOrganisationsThemesTest(TaxonomyTestCase):
    def test_a_theme_the_organisation_added_is_found_and_a_deleted_one_is_not(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            services.theme_save(
                actor=self.cx_lead,
                values={"name": "parking", "seed_words": ["parking", "car park"]},
            )
            services.theme_delete(
                actor=self.cx_lead,
                theme=ThemeDefinition.objects.get(organisation=self.org, name="delivery"),
            )
        ours = self.response("The car park was full and the delivery was late.")
        theirs = self.response(
            "The car park was full and the delivery was late.", organisation=self.other_org
        )
        services.responses_analyse(response_ids=[ours.pk, theirs.pk])
        self.assertIn("parking", self.themes_of(ours))
        self.assertNotIn("delivery", self.themes_of(ours))
        self.assertEqual(self.themes_of(theirs), ["delivery"])

    def test_each_reading_records_the_version_of_the_taxonomy_it_used(self) -> None:
        response = self.response("Billing charged me twice.")
        services.responses_analyse(response_ids=[response.pk])
        version = organisation_taxonomy(organisation_id=self.org.pk).version
        self.assertEqual(ResponseAnalysis.objects.get().engine_version, version)


class ThemeEditingTest(TaxonomyTestCase):
    def test_a_change_is_audited_and_starts_a_reanalysis_once_it_commits(self) -> None:
        self.response("Parking was impossible.")
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            theme = services.theme_save(
                actor=self.admin, values={"name": "parking", "seed_words": ["parking"]}
            )
        self.assertTrue(callbacks)
        event = AuditEvent.objects.get(object_type="theme definition")
        self.assertEqual(
            (event.action, event.actor, event.object_repr), ("create", self.admin, "parking")
        )
        job = Reanalysis.objects.get(organisation=self.org)
        self.assertEqual(
            (job.status, job.total, job.done, job.started_by), ("done", 1, 1, self.admin)
        )
        self.assertEqual(job.reason, "Theme “parking” added")
        self.assertEqual(ThemeMention.objects.get().theme, theme.name)

    def test_saving_a_theme_unchanged_starts_nothing(self) -> None:
        theme = ThemeDefinition.objects.get(organisation=self.org, name="price")
        services.theme_save(actor=self.admin, values={"name": "price"}, theme=theme)
        self.assertFalse(Reanalysis.objects.exists())

    def test_members_and_viewers_may_not_change_the_taxonomy(self) -> None:
        theme = ThemeDefinition.objects.get(organisation=self.org, name="price")
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email), self.assertRaises(PermissionDenied):
                services.theme_save(actor=person, values={"name": "cost"}, theme=theme)
            with self.subTest(person=person.email), self.assertRaises(PermissionDenied):
                services.theme_delete(actor=person, theme=theme)

    def test_a_theme_with_sub_themes_cannot_be_deleted(self) -> None:
        billing = ThemeDefinition.objects.get(organisation=self.org, name="billing")
        with self.assertRaisesMessage(ValidationError, "refunds"):
            services.theme_delete(actor=self.admin, theme=billing)
        self.assertTrue(ThemeDefinition.objects.filter(pk=billing.pk).exists())

    def test_the_form_refuses_a_name_taken_in_any_case(self) -> None:
        form = self.form({"name": "  Billing ", "seed_words": "bill"})
        self.assertFalse(form.is_valid())
        self.assertIn("name", form.errors)

    def test_the_same_name_is_fine_in_another_organisation(self) -> None:
        other = ThemeForm(
            {"name": "parking", "seed_words": "car park"}, organisation_id=self.other_org.pk
        )
        self.assertTrue(self.form({"name": "parking", "seed_words": "car park"}).is_valid())
        self.assertTrue(other.is_valid(), other.errors)

    def test_the_form_reads_seed_words_and_examples_as_lists(self) -> None:
        form = self.form(
            {
                "name": "parking",
                "seed_words": "parking, car park,, Parking",
                "examples": "No spaces left\n\nFull car park",
            }
        )
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["seed_words"], ["parking", "car park"])
        self.assertEqual(form.cleaned_data["examples"], ["No spaces left", "Full car park"])

    def test_a_theme_needs_seed_words_or_examples(self) -> None:
        form = self.form({"name": "parking"})
        self.assertFalse(form.is_valid())
        self.assertIn("seed_words", form.errors)

    def test_words_in_nearly_every_comment_are_no_seed_words(self) -> None:
        form = self.form({"name": "parking", "seed_words": "parking, the, We, for the"})
        self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["seed_words"],
            [
                "“the”, “We”, “for the” are in nearly every comment, so cannot tell this theme; "
                "use words or phrases that belong to it."
            ],
        )
        self.assertTrue(self.form({"name": "parking", "seed_words": "the car park"}).is_valid())

    def test_the_parent_must_be_a_theme_of_the_same_organisation(self) -> None:
        theirs = ThemeDefinition.objects.get(organisation=self.other_org, name="price")
        form = self.form({"name": "parking", "seed_words": "parking", "parent": theirs.pk})
        self.assertFalse(form.is_valid())
        self.assertIn("parent", form.errors)

    def test_a_theme_cannot_sit_under_its_own_sub_theme(self) -> None:
        billing = ThemeDefinition.objects.get(organisation=self.org, name="billing")
        refunds = ThemeDefinition.objects.get(organisation=self.org, name="refunds")
        form = self.form({"name": "billing", "seed_words": "bill", "parent": refunds.pk}, billing)
        self.assertFalse(form.is_valid())
        self.assertIn("parent", form.errors)
        form = self.form({"name": "billing", "seed_words": "bill", "parent": billing.pk}, billing)
        self.assertFalse(form.is_valid())


class ReanalysisTest(TaxonomyTestCase):
    def start(self) -> Reanalysis:
        # planned by hand below, with small chunks, instead of by the queued task
        return services.reanalysis_start(organisation_id=self.org.pk, reason="test")

    def test_the_history_is_cut_into_chunks_that_each_count_once(self) -> None:
        responses = [self.response(f"Delivery number {n} was late.") for n in range(5)]
        self.response("", score=9, score_type="nps")
        self.response("Not ours.", organisation=self.other_org)
        job = self.start()
        self.assertEqual(services.reanalysis_plan(reanalysis_id=job.pk, chunk_size=2), 3)
        self.assertEqual(services.reanalysis_plan(reanalysis_id=job.pk, chunk_size=2), 0)
        chunks = list(ReanalysisChunk.objects.filter(reanalysis=job))
        self.assertEqual([chunk.size for chunk in chunks], [2, 2, 1])
        self.assertEqual(services.reanalysis_chunk_run(chunk_id=chunks[0].pk), 2)
        self.assertEqual(services.reanalysis_chunk_run(chunk_id=chunks[0].pk), 0)  # redelivered
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.done, job.chunks_done, job.percent), ("running", 2, 1, 40)
        )
        for chunk in chunks[1:]:
            services.reanalysis_chunk_run(chunk_id=chunk.pk)
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.total), ("done", 5, 5))
        self.assertIsNotNone(job.finished_at)
        self.assertEqual(
            sorted(ResponseAnalysis.objects.values_list("response_id", flat=True)),
            [response.pk for response in responses],
        )

    def test_a_chunk_is_read_outside_the_transaction_and_counts_once(self) -> None:
        self.response("Delivery was late.")
        job = self.start()
        services.reanalysis_plan(reanalysis_id=job.pk)
        chunk = ReanalysisChunk.objects.get(reanalysis=job)
        outside = len(connection.atomic_blocks)  # the test's own transactions
        read = analysis.responses_read
        seen: list[int] = []

        def read_while_another_worker_finishes(**kwargs: Any) -> list[Readings]:
            seen.append(len(connection.atomic_blocks))
            readings = read(**kwargs)
            if len(seen) == 1:  # another worker runs the same chunk while this one reads
                self.assertEqual(services.reanalysis_chunk_run(chunk_id=chunk.pk), 1)
            return readings

        with patch.object(reanalysis, "responses_read", read_while_another_worker_finishes):
            self.assertEqual(services.reanalysis_chunk_run(chunk_id=chunk.pk), 0)
        self.assertEqual(seen, [outside, outside])  # no transaction open while reading
        job.refresh_from_db()
        self.assertEqual((job.status, job.done, job.chunks_done), ("done", 1, 1))
        self.assertEqual(ResponseAnalysis.objects.count(), 1)

    def test_a_newer_reanalysis_supersedes_the_running_one(self) -> None:
        self.response("Delivery was late.")
        old = self.start()
        services.reanalysis_plan(reanalysis_id=old.pk)
        new = self.start()
        old.refresh_from_db()
        self.assertEqual(old.status, "superseded")
        chunk = ReanalysisChunk.objects.get(reanalysis=old)
        self.assertEqual(services.reanalysis_chunk_run(chunk_id=chunk.pk), 0)
        self.assertFalse(ResponseAnalysis.objects.exists())
        self.assertEqual(new.status, "planning")

    def test_an_organisation_without_comments_is_done_at_once(self) -> None:
        job = self.start()
        services.reanalysis_plan(reanalysis_id=job.pk)
        job.refresh_from_db()
        self.assertEqual((job.status, job.total, job.percent), ("done", 0, 100))

    def test_stale_readings_are_brought_to_the_current_version(self) -> None:
        response = self.response("The car park was full.")
        services.responses_analyse(response_ids=[response.pk])
        with self.captureOnCommitCallbacks(execute=True):
            services.theme_save(
                actor=self.admin, values={"name": "parking", "seed_words": ["car park"]}
            )
        reading = ResponseAnalysis.objects.get()
        self.assertEqual(
            reading.engine_version, organisation_taxonomy(organisation_id=self.org.pk).version
        )
        self.assertEqual(self.themes_of(response), ["parking"])


COMMENTS = [
    "The parking lot was full again, no parking spaces anywhere",
    "Parking spaces near the entrance are always taken",
    "Could not find parking, the lot was full",
    "Wifi in the lounge kept dropping, the wifi password did not work",
    "The lounge wifi was too slow to work",
]


GERMAN_COMMENTS = [
    "Die Parkplätze vor dem Werk sind immer belegt, leider",
    "Keine freien Parkplätze für Besucher",
    "Parkplätze für Lieferanten fehlen am Werk",
    "Das WLAN im Besprechungsraum bricht ständig ab",
    "Im Besprechungsraum gibt es kein WLAN für Gäste",
    "Das Gäste-WLAN ist zu langsam",
    "Die Kantine hat mittags kein vegetarisches Essen",
    "Das Essen in der Kantine ist kalt",
    "Kantine schon um 13 Uhr geschlossen",
    "Kaffee in der Kantine ist leer",
]


class DiscoveryTest(TaxonomyTestCase):
    def setUp(self) -> None:
        for n in range(30):
            self.response(f"{COMMENTS[n % len(COMMENTS)]} ({n})")

    def test_discovery_proposes_themes_the_taxonomy_does_not_cover(self) -> None:
        found = services.themes_discover(organisation_id=self.org.pk)
        proposals = list(ThemeProposal.objects.filter(organisation=self.org))
        self.assertEqual(found, len(proposals))
        self.assertTrue(any("parking" in p.key_terms or "parking" in p.name for p in proposals))
        for proposal in proposals:
            self.assertTrue(proposal.examples)
            self.assertEqual(len(proposal.examples), len(set(proposal.examples)))
            self.assertNotIn(proposal.name, DEFAULT_TAXONOMY.names)
        self.assertFalse(ThemeProposal.objects.filter(organisation=self.other_org).exists())

    def test_a_proposals_examples_say_different_things(self) -> None:
        # every comment is given six times, with another number: one example of each
        services.themes_discover(organisation_id=self.org.pk)
        for proposal in ThemeProposal.objects.filter(organisation=self.org):
            words = [set(re.findall(r"\w+", example.lower())) for example in proposal.examples]
            for first, second in itertools.combinations(words, 2):
                shared = len(first & second)
                self.assertLessEqual(shared * 2, min(len(first), len(second)), proposal.examples)

    def test_discovery_reads_each_language_in_its_own_words(self) -> None:
        # a German topic, read as German: its function words are no topic ("die", "dem")
        german = [
            self.response(f"{GERMAN_COMMENTS[n % len(GERMAN_COMMENTS)]} ({n})") for n in range(30)
        ]
        services.responses_analyse(response_ids=[response.pk for response in german])

        services.themes_discover(organisation_id=self.org.pk)

        proposals = list(ThemeProposal.objects.all())
        terms = {term for p in proposals for term in p.key_terms}
        self.assertFalse({"die", "dem", "vor", "sind", "immer", "leider"} & terms)
        self.assertTrue([p for p in proposals if "parkplätze" in p.name])
        self.assertTrue([p for p in proposals if "kantine" in p.name])
        # each proposal holds comments of one language
        for proposal in proposals:
            german_ones = {e.startswith(tuple(GERMAN_COMMENTS)) for e in proposal.examples}
            self.assertEqual(len(german_ones), 1, proposal.examples)

    def test_a_language_with_too_few_comments_proposes_nothing_of_its_own(self) -> None:
        german = [self.response(f"Die Parkplätze sind belegt ({n}).") for n in range(5)]
        services.responses_analyse(response_ids=[response.pk for response in german])
        services.themes_discover(organisation_id=self.org.pk)
        terms = {term for p in ThemeProposal.objects.all() for term in p.key_terms}
        self.assertTrue(terms)
        self.assertNotIn("parkplätze", terms)

    def test_too_few_comments_propose_nothing(self) -> None:
        self.response("Parking was full.", organisation=self.other_org)
        self.assertEqual(services.themes_discover(organisation_id=self.other_org.pk), 0)

    def test_an_accepted_proposal_becomes_a_theme_and_a_rejected_one_stays_away(self) -> None:
        services.themes_discover(organisation_id=self.org.pk)
        accepted, rejected = ThemeProposal.objects.filter(organisation=self.org)[:2]
        with self.captureOnCommitCallbacks(execute=True):
            theme = services.proposal_accept(actor=self.cx_lead, proposal=accepted)
        self.assertTrue(set(theme.seed_words) <= set(accepted.key_terms))
        self.assertTrue(Reanalysis.objects.filter(organisation=self.org, status="done").exists())
        services.proposal_reject(actor=self.cx_lead, proposal=rejected)
        with self.assertRaises(ValidationError):
            services.proposal_reject(actor=self.cx_lead, proposal=rejected)
        services.themes_discover(organisation_id=self.org.pk)
        names = list(ThemeProposal.objects.filter(status="open").values_list("name", flat=True))
        self.assertNotIn(accepted.name, names)
        self.assertNotIn(rejected.name, names)
        self.assertEqual(
            set(ThemeProposal.objects.exclude(status="open").values_list("name", "status")),
            {(accepted.name, "accepted"), (rejected.name, "rejected")},
        )

    def test_an_accepted_proposal_is_found_by_its_own_words_not_by_generic_ones(self) -> None:
        proposal = ThemeProposal.objects.create(
            organisation=self.org,
            name="sustainability / carbon",
            key_terms=["sustainability", "carbon", "carbon data", "data", "audit", "keep"],
            examples=["Can you send the carbon data for our audit?"],
        )
        with self.captureOnCommitCallbacks(execute=True):
            theme = services.proposal_accept(actor=self.cx_lead, proposal=proposal)
        self.assertEqual(theme.seed_words, ["sustainability", "carbon", "carbon data"])
        self.assertIn(
            "Other terms it found, to add as seed words if they fit: data, audit, keep.",
            theme.description,
        )

    def test_only_admins_and_cx_leads_decide(self) -> None:
        services.themes_discover(organisation_id=self.org.pk)
        proposal = ThemeProposal.objects.filter(organisation=self.org).first()
        assert proposal is not None
        with self.assertRaises(PermissionDenied):
            services.proposal_accept(actor=self.owner, proposal=proposal)
