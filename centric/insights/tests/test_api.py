"""Insights in the JSON API: the overview's figures, the comments with their readings, what a
survey's free-text answers speak of, and the taxonomy, with the pages' roles and scopes."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from django.utils import timezone

from centric.customers.models import Customer, Segment
from centric.feedback.models import Response
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.metrics import Nps, estimate
from centric.insights.models import Reanalysis, ThemeDefinition, ThemeProposal
from centric.insights.services import responses_analyse, themes_ensure
from centric.people.models import User
from centric.people.services import api_token_create
from tests.factories import AccountFactory

LATE = "The delivery was two weeks late. Very disappointing."
BILLING = "We were charged twice and the invoice was wrong."
SCORES = [10, 9, 9, 8, 7, 6, 3, 0] * 4


class InsightsApiTestCase(SurveyTestCase):
    def setUp(self) -> None:
        themes_ensure(organisation_id=self.org.pk)
        self.acme = Customer.objects.get(account=self.account)
        self.globex = Customer.objects.get(
            account=AccountFactory.create(organisation=self.org, name="Globex")
        )

    def give(self, customer: Customer, score: int | None, comment: str) -> Response:
        now = timezone.now()
        response = Response.objects.create(
            organisation=self.org,
            customer=customer,
            kind="survey" if score is not None else "ticket",
            channel="email",
            score=score,
            score_type="nps" if score is not None else "",
            comment=comment,
            responded_at=now,
        )
        responses_analyse(response_ids=[response.pk])
        return response

    def as_(self, user: User) -> dict[str, str]:
        _, secret = api_token_create(user=user, name="test")
        return {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, user: User, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.as_(user))

    def send(self, method: str, path: str, user: User, body: object = None) -> Any:
        return self.client.generic(
            method,
            f"/api{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=self.as_(user),
        )


class OverviewApiTest(InsightsApiTestCase):
    def test_the_overview_gives_the_pages_figures_within_the_readers_scope(self) -> None:
        for score in SCORES:
            self.give(self.acme, score, LATE if score < 7 else "Great service, thank you.")
        self.give(self.globex, None, BILLING)

        lead = self.get("/insights/overview", self.cx_lead, days=30)
        owner = self.get("/insights/overview", self.owner, days=30)

        self.assertEqual(lead.status_code, 200)
        body = lead.json()
        nps = next(card for card in body["scores"] if card["label"] == "NPS")
        reference = estimate(pl.DataFrame({"nps": SCORES}), Nps())
        self.assertEqual(nps["current"]["n"], len(SCORES))
        self.assertAlmostEqual(nps["current"]["value"], reference.value)
        self.assertAlmostEqual(nps["current"]["low"], reference.low)
        self.assertEqual(body["analysed"], len(SCORES) + 1)
        themes = {row["theme"]: row for row in body["themes"]}
        self.assertEqual(themes["delivery"]["mentions"], 12)
        self.assertEqual(themes["delivery"]["negative"], 100.0)
        self.assertIn("billing", themes)
        self.assertIn("points", themes["delivery"]["nps_impact"])
        self.assertNotIn("billing", {row["theme"] for row in owner.json()["themes"]})  # Globex's

    def test_filters_outside_what_the_pages_offer_are_refused(self) -> None:
        other_segment = Segment.objects.create(organisation=self.other_org, name="Theirs")
        refused: list[tuple[dict[str, Any], int, str]] = [
            ({"days": 45}, 422, "days"),
            ({"who": "everyone"}, 422, "who"),
            ({"segment_id": other_segment.pk}, 404, ""),
            ({"segment_id": self.segment.pk, "who": "internal"}, 404, ""),
            ({"survey_id": 999_999}, 404, ""),
            ({"customer_id": 999_999}, 404, ""),
            # beyond the calendar, or any id the database holds: named, not a server error
            ({"start": "2025-01-01", "end": "9999-12-31"}, 422, "end"),
            ({"start": "0001-01-01"}, 422, "start"),
            ({"segment_id": 10**20}, 422, "segment_id"),
        ]
        for params, status, where in refused:
            with self.subTest(params=params):
                found = self.get("/insights/overview", self.cx_lead, **params)
                self.assertEqual(found.status_code, status)
                if where:
                    self.assertEqual(found.json()["detail"][0]["loc"], ["query", where])

    def test_an_empty_filter_is_no_filter(self) -> None:
        found = self.get(
            "/insights/overview",
            self.cx_lead,
            days="",
            start="",
            end="",
            who="",
            segment_id="",
            survey_id="",
            customer_id="",
        )
        self.assertEqual(found.status_code, 200, found.content)
        self.assertEqual((found.json()["days"], found.json()["who"]), (90, ""))

    def test_the_schema_says_what_each_endpoint_answers_when_refusing(self) -> None:
        self.client.force_login(self.viewer)
        schema = self.client.get("/api/openapi.json").json()
        for path, operations in schema["paths"].items():
            if not path.startswith("/api/insights/"):
                continue
            for method, operation in operations.items():
                with self.subTest(method=method, path=path):
                    answers = set(operation["responses"])
                    self.assertIn("401", answers)
                    if operation.get("parameters") or operation.get("requestBody"):
                        self.assertIn("422", answers)
                    if "{" in path:
                        self.assertIn("404", answers)
        overview = schema["paths"]["/api/insights/overview"]["get"]
        (days,) = (p for p in overview["parameters"] if p["name"] == "days")
        self.assertIn('"enum": [30, 90, 365]', json.dumps(days["schema"]))

    def test_a_token_reads_its_persons_days_as_their_session_does(self) -> None:
        self.cx_lead.time_zone = "Europe/Berlin"
        self.cx_lead.save(update_fields=["time_zone"])
        period = {"start": "2026-11-01", "end": "2026-11-30"}

        by_token = self.get("/insights/overview", self.cx_lead, **period).json()
        self.client.force_login(self.cx_lead)
        by_session = self.client.get("/api/insights/overview", period).json()

        self.assertEqual(by_token["start"], "2026-11-01T00:00:00+01:00")
        self.assertEqual(by_token["start"], by_session["start"])
        self.assertEqual(by_token["end"], by_session["end"])
        self.client.logout()  # and the next request, a stranger's, is in UTC again
        self.assertEqual(timezone.get_current_timezone_name(), "UTC")

    def test_without_a_token_or_session_nothing_is_given(self) -> None:
        self.assertEqual(self.client.get("/api/insights/overview").status_code, 401)
        self.assertEqual(self.client.get("/api/insights/comments").status_code, 401)
        self.assertEqual(self.client.get("/api/insights/themes").status_code, 401)


class CommentApiTest(InsightsApiTestCase):
    def test_comments_come_with_their_reading_and_the_explorers_filters(self) -> None:
        late = self.give(self.acme, 2, f"{LATE} The support team was lovely though.")
        self.give(self.acme, 9, "Delivery was quick and careful.")
        self.give(self.globex, None, BILLING)

        every = self.get("/insights/comments", self.cx_lead)
        negative = self.get(
            "/insights/comments", self.cx_lead, theme="delivery", sentiment="negative"
        )
        owner = self.get("/insights/comments", self.owner)

        self.assertEqual(every.json()["count"], 3)
        self.assertEqual([item["id"] for item in negative.json()["items"]], [late.pk])
        item = negative.json()["items"][0]
        mentions = {mention["theme"]: mention["sentiment"] for mention in item["themes"]}
        self.assertEqual(mentions["delivery"], "negative")
        self.assertEqual(mentions["support"], "positive")
        self.assertTrue(item["read"])
        self.assertEqual(owner.json()["count"], 2)  # Acme's, not Globex's
        globex = self.get("/insights/comments", self.cx_lead, customer_id=self.globex.pk)
        self.assertEqual(globex.json()["count"], 1)
        self.assertEqual(
            self.get("/insights/comments", self.owner, customer_id=self.globex.pk).status_code,
            404,  # not a customer the owner's teams serve
        )

    def test_comments_come_most_negative_or_positive_first_about_a_theme_if_asked(
        self,
    ) -> None:
        awful = self.give(self.acme, 0, "Terrible, awful, the worst service ever.")
        praise = self.give(self.acme, 10, "Wonderful people, brilliant service.")
        mixed = self.give(
            self.acme, 5, "Delivery was quick and careful. Billing is a disaster, a total mess."
        )
        unread = Response.objects.create(
            organisation=self.org,
            customer=self.acme,
            channel="api",
            comment="Not read yet.",
            responded_at=timezone.now(),
        )

        def ids(**params: str) -> list[int]:
            found = self.get("/insights/comments", self.cx_lead, **params).json()["items"]
            return [item["id"] for item in found]

        self.assertEqual(ids(order="negative")[0], awful.pk)
        self.assertEqual(ids(order="negative")[-1], unread.pk)  # not read: last
        self.assertEqual(ids(order="positive")[0], praise.pk)
        self.assertEqual(ids(order="oldest")[0], awful.pk)
        self.assertEqual(ids()[0], unread.pk)  # newest first
        # about delivery, the mixed comment is positive, whatever it says of billing
        self.assertEqual(ids(order="positive", theme="delivery")[0], mixed.pk)

    def test_bad_filters_are_refused_with_the_parameter_named(self) -> None:
        for params, name in [
            ({"order": "loudest"}, "order"),
            ({"sentiment": "angry"}, "sentiment"),
            ({"flag": "loud"}, "flag"),
            ({"week": "last week"}, "week"),
            ({"language": "xx"}, "language"),
            ({"start": "2025-01-01", "end": "9999-12-31"}, "end"),
            ({"week": "9999-12-31"}, "week"),
        ]:
            with self.subTest(params=params):
                found = self.get("/insights/comments", self.cx_lead, **params)
                self.assertEqual(found.status_code, 422)
                self.assertEqual(found.json()["detail"][0]["loc"], ["query", name])

    def test_an_empty_filter_is_no_filter(self) -> None:
        late = self.give(self.acme, 2, LATE)
        found = self.get(
            "/insights/comments",
            self.cx_lead,
            theme="",
            sentiment="",
            flag="",
            q="",
            week="",
            order="",
            language="",
        )
        self.assertEqual(found.status_code, 200, found.content)
        self.assertEqual([comment["id"] for comment in found.json()["items"]], [late.pk])

    def test_one_comment_gives_the_whole_reading_to_whom_may_see_it(self) -> None:
        late = self.give(self.acme, 2, LATE)
        unread = Response.objects.create(
            organisation=self.org,
            customer=self.acme,
            kind="note",
            channel="api",
            comment="Not yet read.",
        )

        found = self.get(f"/insights/comments/{late.pk}", self.owner)
        waiting = self.get(f"/insights/comments/{unread.pk}", self.owner)

        self.assertEqual(found.status_code, 200)
        reading = found.json()["reading"]
        self.assertEqual(reading["sentences"][0]["text"], "The delivery was two weeks late.")
        self.assertEqual(found.json()["sentiment"], "negative")
        self.assertEqual((waiting.json()["read"], waiting.json()["reading"]), (False, None))
        self.assertEqual(self.get(f"/insights/comments/{late.pk}", self.outsider).status_code, 404)
        self.assertEqual(self.get(f"/insights/comments/{late.pk}", self.stranger).status_code, 404)


class SurveyThemesApiTest(InsightsApiTestCase):
    def test_a_surveys_free_text_answers_by_theme_question_by_question(self) -> None:
        survey = self.open_survey(self.make_survey())
        questions = {question.key: question for question in survey.questions.all()}
        response = self.give(self.acme, 2, LATE)
        Response.objects.filter(pk=response.pk).update(survey=survey, submitted_at=timezone.now())
        response.answers.create(question=questions["nps"], number=2)
        response.answers.create(question=questions["fix_first"], text=LATE)

        lead = self.get(f"/insights/surveys/{survey.pk}/themes", self.cx_lead)
        outsider = self.get(f"/insights/surveys/{survey.pk}/themes", self.outsider)
        stranger = self.get(f"/insights/surveys/{survey.pk}/themes", self.stranger)

        by_key = {question["key"]: question for question in lead.json()}
        self.assertEqual(set(by_key), {"fix_first", "improve", "best"})
        self.assertEqual((by_key["fix_first"]["answered"], by_key["fix_first"]["read"]), (1, 1))
        self.assertEqual(
            by_key["fix_first"]["themes"],
            [{"theme": "delivery", "answers": 1, "share": 100.0, "negative": 1}],
        )
        self.assertEqual(by_key["best"]["answered"], 0)
        self.assertEqual([question["answered"] for question in outsider.json()], [0, 0, 0])
        self.assertEqual(stranger.status_code, 404)

    def test_a_wave_the_survey_does_not_have_or_days_beyond_the_calendar_are_refused(
        self,
    ) -> None:
        survey = self.open_survey(self.make_survey())
        path = f"/insights/surveys/{survey.pk}/themes"
        refusals: list[tuple[dict[str, Any], str, str | None]] = [
            ({"wave": 2}, "wave", "This survey has waves 1 to 1."),
            ({"wave": 10**20}, "wave", "This survey has waves 1 to 1."),
            ({"start": "2025-01-01", "end": "9999-12-31"}, "end", None),
        ]
        for params, name, message in refusals:
            with self.subTest(params=params):
                found = self.get(path, self.cx_lead, **params)
                self.assertEqual(found.status_code, 422)
                (error,) = found.json()["detail"]
                self.assertEqual(error["loc"], ["query", name])
                if message:
                    self.assertEqual(error["msg"], message)
        self.assertEqual(self.get(path, self.cx_lead, wave="", start="", end="").status_code, 200)


class TaxonomyApiTest(InsightsApiTestCase):
    def test_everyone_reads_the_taxonomy(self) -> None:
        found = self.get("/insights/themes", self.viewer)
        names = {theme["name"] for theme in found.json()}
        self.assertIn("delivery", names)
        delivery = ThemeDefinition.objects.get(organisation=self.org, name="delivery")
        one = self.get(f"/insights/themes/{delivery.pk}", self.viewer).json()
        self.assertIn("courier", one["seed_words"])
        self.assertEqual(
            self.get(f"/insights/themes/{delivery.pk}", self.stranger).status_code, 404
        )

    def test_a_cx_lead_adds_changes_and_deletes_a_theme_and_history_is_read_again(self) -> None:
        parent = ThemeDefinition.objects.get(organisation=self.org, name="delivery")

        created = self.send(
            "POST",
            "/insights/themes",
            self.cx_lead,
            {"name": "  Packaging ", "seed_words": ["box", "packaging"], "parent_id": parent.pk},
        )
        self.assertEqual(created.status_code, 201, created.content)
        theme = created.json()
        self.assertEqual((theme["name"], theme["seed_words"]), ("Packaging", ["box", "packaging"]))
        self.assertEqual(theme["parent_id"], parent.pk)
        self.assertEqual(Reanalysis.objects.filter(organisation=self.org).count(), 1)

        changed = self.send(
            "PATCH", f"/insights/themes/{theme['id']}", self.cx_lead, {"examples": ["Box torn."]}
        )
        self.assertEqual(changed.status_code, 200)
        self.assertEqual(changed.json()["examples"], ["Box torn."])
        self.assertEqual(changed.json()["seed_words"], ["box", "packaging"])  # as it was

        refused = self.send("DELETE", f"/insights/themes/{parent.pk}", self.cx_lead)
        self.assertEqual(refused.status_code, 422)
        self.assertIn("Packaging", refused.json()["detail"])  # its sub-theme
        deleted = self.send("DELETE", f"/insights/themes/{theme['id']}", self.cx_lead)
        self.assertEqual(deleted.status_code, 204)
        self.assertFalse(ThemeDefinition.objects.filter(pk=theme["id"]).exists())

    def test_a_theme_the_form_would_refuse_is_refused_naming_the_field(self) -> None:
        for body, field in [
            ({"name": "Packaging"}, "seed_words"),  # nothing to find it by
            ({"name": "delivery", "seed_words": ["courier"]}, "name"),  # taken
            ({"name": "Packaging", "seed_words": ["the", "and"]}, "seed_words"),  # too common
            ({"name": "Packaging", "seed_words": ["box"], "parent_id": 999_999}, "parent_id"),
        ]:
            with self.subTest(body=body):
                found = self.send("POST", "/insights/themes", self.cx_lead, body)
                self.assertEqual(found.status_code, 422)
                self.assertEqual(found.json()["detail"][0]["loc"], ["body", field])
        self.assertFalse(ThemeDefinition.objects.filter(name="Packaging").exists())

    def test_only_admins_and_cx_leads_change_the_taxonomy(self) -> None:
        delivery = ThemeDefinition.objects.get(organisation=self.org, name="delivery")
        for user in (self.owner, self.viewer):
            with self.subTest(user=user.email):
                body = {"name": "Packaging", "seed_words": ["box"]}
                self.assertEqual(self.send("POST", "/insights/themes", user, body).status_code, 403)
                self.assertEqual(
                    self.send(
                        "PATCH", f"/insights/themes/{delivery.pk}", user, {"name": "x"}
                    ).status_code,
                    403,
                )
                self.assertEqual(
                    self.send("DELETE", f"/insights/themes/{delivery.pk}", user).status_code, 403
                )
        self.assertEqual(
            self.send("DELETE", f"/insights/themes/{delivery.pk}", self.stranger).status_code, 404
        )
        self.assertTrue(ThemeDefinition.objects.filter(pk=delivery.pk).exists())


class ProposalApiTest(InsightsApiTestCase):
    def propose(self, name: str, *terms: str) -> ThemeProposal:
        return ThemeProposal.objects.create(
            organisation=self.org,
            name=name,
            key_terms=list(terms or ("box", "torn")),
            examples=[f"{name.title()}: {', '.join(terms or ('box', 'torn'))}."],
        )

    def test_a_cx_lead_accepts_or_rejects_what_discovery_proposes(self) -> None:
        packaging, weather = self.propose("packaging"), self.propose("weather", "rain", "snow")

        listed = self.get("/insights/proposals", self.cx_lead)
        accepted = self.send("POST", f"/insights/proposals/{packaging.pk}/accept", self.cx_lead)
        rejected = self.send("POST", f"/insights/proposals/{weather.pk}/reject", self.cx_lead)
        again = self.send("POST", f"/insights/proposals/{weather.pk}/accept", self.cx_lead)

        self.assertEqual({item["name"] for item in listed.json()}, {"packaging", "weather"})
        self.assertEqual(accepted.status_code, 201)
        self.assertEqual(accepted.json()["seed_words"], ["box", "torn"])
        self.assertEqual(rejected.status_code, 204)
        self.assertEqual(again.status_code, 422)  # decided already
        self.assertEqual(self.get("/insights/proposals", self.cx_lead).json(), [])
        discovery = self.send("POST", "/insights/proposals/discover", self.cx_lead)
        self.assertEqual(discovery.status_code, 202)

    def test_a_proposal_joins_a_theme_there_is_already(self) -> None:
        proposal = self.propose("boxes / torn")
        delivery = ThemeDefinition.objects.get(organisation=self.org, name="delivery")
        theirs = ThemeDefinition.objects.get(organisation=self.other_org, name="delivery")
        path = f"/insights/proposals/{proposal.pk}/merge"

        self.assertEqual(self.get("/insights/proposals", self.cx_lead).json()[0]["language"], "en")
        for body, status in (
            ({"theme_id": theirs.pk, "terms": ["torn"]}, 404),
            ({"theme_id": delivery.pk, "terms": []}, 422),
            ({"theme_id": delivery.pk, "terms": ["not its term"]}, 422),
        ):
            with self.subTest(body=body):
                self.assertEqual(self.send("POST", path, self.cx_lead, body).status_code, status)
        self.assertEqual(
            self.send(
                "POST", path, self.owner, {"theme_id": delivery.pk, "terms": ["torn"]}
            ).status_code,
            403,
        )
        merged = self.send("POST", path, self.cx_lead, {"theme_id": delivery.pk, "terms": ["torn"]})

        self.assertEqual(merged.status_code, 200)
        self.assertEqual(merged.json()["seed_words"][-1], "torn")
        self.assertIn("Boxes / Torn: box, torn.", merged.json()["examples"])
        self.assertEqual(ThemeProposal.objects.get(pk=proposal.pk).status, "accepted")

    def test_members_and_viewers_neither_see_nor_decide_proposals(self) -> None:
        proposal = self.propose("packaging")
        for user in (self.owner, self.viewer):
            with self.subTest(user=user.email):
                self.assertEqual(self.get("/insights/proposals", user).status_code, 403)
                self.assertEqual(
                    self.send(
                        "POST", f"/insights/proposals/{proposal.pk}/accept", user
                    ).status_code,
                    403,
                )
                self.assertEqual(
                    self.send("POST", "/insights/proposals/discover", user).status_code, 403
                )
        self.assertEqual(
            self.send(
                "POST", f"/insights/proposals/{proposal.pk}/reject", self.stranger
            ).status_code,
            404,
        )
        proposal.refresh_from_db()
        self.assertEqual(proposal.status, ThemeProposal.Status.OPEN)


class ReanalysisApiTest(InsightsApiTestCase):
    def test_a_cx_lead_starts_a_reanalysis_and_everyone_follows_its_progress(self) -> None:
        self.give(self.acme, 2, LATE)
        self.assertEqual(self.get("/insights/reanalysis", self.viewer).status_code, 404)

        started = self.send("POST", "/insights/reanalysis", self.cx_lead)

        self.assertEqual(started.status_code, 202)
        self.assertEqual(started.json()["reason"], "Asked for by " + self.cx_lead.get_full_name())
        progress = self.get("/insights/reanalysis", self.viewer)
        self.assertEqual(progress.json()["id"], started.json()["id"])
        self.assertEqual(self.send("POST", "/insights/reanalysis", self.viewer).status_code, 403)
        self.assertEqual(Reanalysis.objects.count(), 1)
