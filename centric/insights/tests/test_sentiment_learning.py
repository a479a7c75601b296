"""Sentiment learnt from the organisation's own scores: which scores teach it, how it changes the
readings of comments without a score, going back to the built-in reading, and the page and the
API, which admins and CX leads use and nobody else can."""

from __future__ import annotations

import random
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from centric.core.models import Organisation
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import Reanalysis, ResponseAnalysis, SentimentCalibration
from centric.insights.services.calibration import calibration_model
from centric.people.models import User
from tests.personas import PersonasTestCase

Status = SentimentCalibration.Status
# "glorbed" is this organisation's own word for a parcel lost in its depot: no lexicon knows it
PRAISE = "Order {} arrived on time and the driver was friendly."
COMPLAINT = "Order {} was glorbed again."
TICKET = "My parcel was glorbed."


class SentimentLearningTestCase(PersonasTestCase):
    def respond(
        self,
        comment: str,
        score: int | None = None,
        score_type: str = "nps",
        organisation: Organisation | None = None,
    ) -> Response:
        return Response.objects.create(
            organisation=organisation or self.org,
            channel=Response.Channel.IMPORT,
            kind=Response.Kind.SURVEY if score is not None else Response.Kind.TICKET,
            comment=comment,
            score=score,
            score_type=score_type if score is not None else "",
        )

    def scored(self, each: int = 25, organisation: Organisation | None = None) -> None:
        for n in range(each):
            self.respond(PRAISE.format(n), 9 + n % 2, organisation=organisation)
            self.respond(COMPLAINT.format(n), n % 7, organisation=organisation)

    def learn(self) -> SentimentCalibration:
        with self.captureOnCommitCallbacks(execute=True):
            services.calibration_request(actor=self.cx_lead)
        return SentimentCalibration.objects.get(organisation=self.org, status=Status.READY)

    def analyse_all(self) -> None:
        services.responses_analyse(response_ids=list(Response.objects.values_list("pk", flat=True)))

    def ticket_label(self, ticket: Response) -> str:
        return ResponseAnalysis.objects.get(response=ticket).sentiment_label


class LearningTest(SentimentLearningTestCase):
    def test_each_scale_teaches_with_its_top_and_bottom(self) -> None:
        for score_type, scores in {
            "nps": [10, 9, 8, 7, 6, 0],
            "csat": [5, 4, 3, 2, 1],
            "rating": [5, 3],
            "ces": [7, 6, 5, 3, 2],
        }.items():
            for score in scores:
                self.respond("A comment.", score, score_type)
        self.respond("", 10)  # no comment: nothing to learn from
        self.respond("No score.")
        self.assertEqual(
            services.scored_counts(organisation_id=self.org.pk),
            {"en": (2 + 2 + 1 + 2, 2 + 2 + 0 + 1)},
        )

    def test_comments_teach_their_own_language_and_an_unread_one_teaches_nothing(self) -> None:
        # German and French are read, by their own words, Swedish not at all: none teaches
        # English, and Swedish teaches nothing
        german = self.respond("Sehr gut, die Lieferung kam pünktlich und alles war perfekt.", 10)
        french = self.respond("Le service était très rapide et nous sommes ravis.", 10)
        swedish = self.respond("Servicen var mycket snabb och vi är nöjda.", 10)
        english = self.respond("Great service.", 10)
        services.responses_analyse(response_ids=[german.pk, french.pk, swedish.pk, english.pk])
        self.assertEqual(ResponseAnalysis.objects.get(response=german).sentiment_label, "positive")
        self.assertEqual(ResponseAnalysis.objects.get(response=french).sentiment_label, "positive")
        self.assertEqual(ResponseAnalysis.objects.get(response=swedish).sentiment_label, "unread")
        self.assertEqual(
            services.scored_counts(organisation_id=self.org.pk),
            {"en": (1, 0), "de": (1, 0), "fr": (1, 0)},
        )

    def test_a_comment_without_a_score_is_read_as_these_customers_write(self) -> None:
        self.scored()
        ticket = self.respond(TICKET)
        services.responses_analyse(response_ids=[ticket.pk])
        self.assertNotEqual(self.ticket_label(ticket), "negative")  # the built-in reading

        learnt = self.learn()

        self.assertEqual((learnt.positive, learnt.negative, learnt.held_out), (25, 25, 10))
        assert learnt.learnt_f1 is not None
        assert learnt.default_f1 is not None
        self.assertGreater(learnt.learnt_f1, learnt.default_f1)
        self.assertEqual(self.ticket_label(ticket), "negative")
        reading = ResponseAnalysis.objects.get(response=ticket)
        self.assertTrue(reading.engine_version.endswith(f"+s{learnt.pk}"))
        job = Reanalysis.objects.get(organisation=self.org)
        self.assertEqual(job.reason, "Sentiment learnt from 50 scored comments")
        self.assertEqual(job.started_by, self.cx_lead)
        # new comments are read with it as they arrive
        newer = self.respond("The second parcel was glorbed as well.")
        services.responses_analyse(response_ids=[newer.pk])
        self.assertEqual(self.ticket_label(newer), "negative")

    def test_each_language_with_scores_enough_is_learnt_from_its_own_comments(self) -> None:
        # "verbummelt" is this organisation's German word for a parcel lost in its depot
        self.scored()
        for n in range(25):
            self.respond(f"Bestellung {n} kam pünktlich, der Fahrer war freundlich.", 10)
            self.respond(f"Die Bestellung {n} wurde wieder im Lager verbummelt.", 2)
        for n in range(5):  # too few in French: it keeps the built-in reading
            self.respond(f"Commande {n} livrée à l'heure, merci.", 10)
        ticket = self.respond("Mein Paket wurde verbummelt.")
        self.analyse_all()  # each comment's language is known from its reading
        self.assertNotEqual(self.ticket_label(ticket), "negative")  # the built-in reading

        learnt = self.learn()

        self.assertEqual((learnt.positive, learnt.negative, learnt.held_out), (50, 50, 20))
        self.assertEqual(
            [(part["language"], part["in_use"]) for part in learnt.languages],
            [("en", True), ("de", True)],
        )
        german = learnt.languages[1]
        self.assertEqual((german["positive"], german["negative"], german["held_out"]), (25, 25, 10))
        self.assertGreater(german["learnt_f1"], german["default_f1"])
        self.assertEqual(ResponseAnalysis.objects.get(response=ticket).language, "de")
        self.assertEqual(self.ticket_label(ticket), "negative")  # as its customers write
        model = calibration_model(learnt.pk)
        assert model is not None
        self.assertEqual(sorted(model), ["de", "en"])
        self.assertEqual(model["de"].language, "de")

    def test_a_language_that_learns_no_better_than_the_built_in_reading_keeps_it(self) -> None:
        self.scored()
        draw = random.Random(0)
        sides = [10] * 25 + [0] * 25
        draw.shuffle(sides)
        for n, score in enumerate(sides):  # German scores that the words do not tell
            self.respond(f"Bestellung {n} ist heute gekommen.", score)
        self.analyse_all()
        learnt = self.learn()
        self.assertEqual(
            [(part["language"], part["in_use"]) for part in learnt.languages],
            [("en", True), ("de", False)],
        )
        self.assertIn("Not put in use", learnt.languages[1]["reason"])
        model = calibration_model(learnt.pk)
        assert model is not None
        self.assertEqual(list(model), ["en"])
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:sentiment"))
        self.assertContains(page, '<th scope="row">German</th>', html=True)
        self.assertContains(page, "The built-in reading")
        self.assertContains(page, "German: 25 with a high score, 25 with a low one")

    def test_an_english_calibration_learnt_before_languages_still_reads(self) -> None:
        import pickle

        from centric.insights.text import CalibratedSentiment

        texts = [PRAISE.format(n) for n in range(25)] + [COMPLAINT.format(n) for n in range(25)]
        model = CalibratedSentiment().fit(texts, ["positive"] * 25 + ["negative"] * 25)
        del model.__dict__["language"]  # as pickled before it had one
        old = SentimentCalibration.objects.create(
            organisation=self.org, status=Status.READY, model=pickle.dumps(model)
        )
        loaded = calibration_model(old.pk)
        assert loaded is not None
        self.assertEqual(list(loaded), ["en"])
        self.assertEqual(loaded["en"].predict([TICKET]), ["negative"])

    def test_going_back_reads_every_comment_with_the_built_in_sentiment(self) -> None:
        self.scored()
        ticket = self.respond(TICKET)
        learnt = self.learn()

        with self.captureOnCommitCallbacks(execute=True):
            self.assertTrue(services.calibration_stop(actor=self.admin))

        learnt.refresh_from_db()
        self.assertEqual((learnt.status, learnt.model), (Status.RETIRED, None))
        self.assertIsNone(calibration_model(learnt.pk))
        self.assertNotEqual(self.ticket_label(ticket), "negative")
        self.assertEqual(Reanalysis.objects.first().reason, "Back to the built-in sentiment")  # type: ignore[union-attr]
        with self.captureOnCommitCallbacks(execute=True):
            self.assertFalse(services.calibration_stop(actor=self.admin))  # nothing in use

    def test_learning_again_replaces_the_one_in_use(self) -> None:
        self.scored()
        first = self.learn()
        self.respond("Brilliant, thank you.", 10)
        second = self.learn()
        first.refresh_from_db()
        self.assertEqual(first.status, Status.RETIRED)
        self.assertEqual((second.positive, second.negative), (26, 25))

    def test_too_few_scored_comments_are_refused_with_the_counts(self) -> None:
        self.scored(each=19)
        self.respond(PRAISE.format("x"), 10)
        with self.assertRaisesMessage(
            ValidationError,
            "Learning needs at least 20 comments with a high score and 20 with a low one; "
            "there are 20 and 19.",
        ):
            services.calibration_request(actor=self.admin)
        self.assertFalse(SentimentCalibration.objects.exists())

    def test_one_learning_at_a_time(self) -> None:
        self.scored()
        services.calibration_request(actor=self.admin)  # its task waits for the commit
        with self.assertRaisesMessage(ValidationError, "already learning"):
            services.calibration_request(actor=self.cx_lead)

    def test_comments_gone_before_it_learns_fail_it_with_the_reason(self) -> None:
        self.scored()
        calibration = services.calibration_request(actor=self.admin)
        Response.objects.filter(score__lte=6).delete()

        self.assertFalse(services.calibration_learn(calibration_id=calibration.pk))

        calibration.refresh_from_db()
        self.assertEqual(calibration.status, Status.FAILED)
        self.assertIn("there are 25 and 0 now", calibration.error)
        self.assertFalse(Reanalysis.objects.exists())

    def test_what_learns_no_better_than_the_built_in_reading_is_not_put_in_use(self) -> None:
        # the same words under high and low scores alike: nothing to learn
        for n in range(30):
            self.respond(PRAISE.format(n), 10 if n % 2 else 0)
            self.respond(COMPLAINT.format(n), 0 if n % 2 else 10)
        calibration = services.calibration_request(actor=self.admin)

        self.assertFalse(services.calibration_learn(calibration_id=calibration.pk))

        calibration.refresh_from_db()
        self.assertEqual((calibration.status, calibration.model), (Status.FAILED, None))
        self.assertIn("Not put in use: on the comments held back", calibration.error)
        self.assertIn("it needs at least 0.70 and no less than the built-in", calibration.error)
        assert calibration.learnt_f1 is not None
        self.assertLess(calibration.learnt_f1, 0.7)
        self.assertEqual(calibration.held_out, 12)
        self.assertFalse(Reanalysis.objects.exists())

    def test_copies_of_a_comment_are_never_on_both_sides_of_the_check(self) -> None:
        # 25 different comments on each side, each sent three times, in words that tell
        # nothing: a check that held back copies of what it learnt from would pass it
        numbers = random.Random(4).sample(range(10_000, 99_999), 50)
        for praise, complaint in zip(numbers[:25], numbers[25:], strict=True):
            for _ in range(3):
                self.respond(f"Reference {praise}.", 10)
                self.respond(f"Reference {complaint}.", 0)
        calibration = services.calibration_request(actor=self.admin)

        self.assertFalse(services.calibration_learn(calibration_id=calibration.pk))

        calibration.refresh_from_db()
        self.assertEqual(calibration.status, Status.FAILED)
        assert calibration.learnt_f1 is not None
        self.assertLess(calibration.learnt_f1, 0.7)
        self.assertEqual(calibration.held_out, 30)  # a fifth of the different comments, copies too

    def test_stopped_while_learning_it_is_never_used(self) -> None:
        self.scored()
        calibration = services.calibration_request(actor=self.admin)
        services.calibration_stop(actor=self.admin)
        self.assertFalse(services.calibration_learn(calibration_id=calibration.pk))
        calibration.refresh_from_db()
        self.assertEqual(calibration.status, Status.RETIRED)

    def test_only_admins_and_cx_leads_start_or_stop_it(self) -> None:
        self.scored()
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email):
                with self.assertRaises(PermissionDenied):
                    services.calibration_request(actor=person)
                with self.assertRaises(PermissionDenied):
                    services.calibration_stop(actor=person)
        self.assertFalse(SentimentCalibration.objects.exists())


class SentimentPageTest(SentimentLearningTestCase):
    url = reverse("insights:sentiment")

    def test_admins_and_cx_leads_learn_and_go_back_from_the_page(self) -> None:
        self.scored()
        for person in (self.admin, self.cx_lead):
            self.login(person)
            with self.subTest(person=person.email):
                page = self.client.get(self.url)
                self.assertContains(page, "Not in use")
                self.assertContains(page, "Learn from 50 scored comments")
                with self.captureOnCommitCallbacks(execute=True):
                    response = self.client.post(reverse("insights:sentiment_learn"))
                self.assertRedirects(response, self.url)
                page = self.client.get(self.url)
                self.assertContains(page, "In use")
                self.assertContains(page, "Learn again from 50 scored comments")
                with self.captureOnCommitCallbacks(execute=True):
                    self.client.post(reverse("insights:sentiment_stop"))
                self.assertContains(self.client.get(self.url), "Not in use")

    def test_the_page_says_what_is_missing_and_why_a_request_was_refused(self) -> None:
        self.scored(each=5)
        self.login(self.admin)
        page = self.client.get(self.url)
        self.assertContains(page, "5 comments with a high score and 5 with a low one could teach")
        self.assertContains(page, "it needs at least 20 of each")
        self.assertNotContains(page, "Learn from")
        response = self.client.post(reverse("insights:sentiment_learn"), follow=True)
        self.assertContains(response, "there are 5 and 5")

    def test_a_learning_page_polls_and_a_failed_one_says_why(self) -> None:
        self.scored()
        self.login(self.admin)
        calibration = services.calibration_request(actor=self.admin)
        fragment = self.client.get(self.url, headers={"HX-Request": "true"})
        self.assertContains(fragment, "Learning…")
        self.assertContains(fragment, 'hx-trigger="every 2s"')
        SentimentCalibration.objects.filter(pk=calibration.pk).update(
            status=Status.FAILED, error="Learning needs at least 20 comments"
        )
        self.assertContains(self.client.get(self.url), "Failed</span> Learning needs")

    def test_members_and_viewers_are_refused_the_page_and_its_actions(self) -> None:
        self.scored()
        for person in (self.owner, self.viewer):
            self.login(person)
            with self.subTest(person=person.email):
                self.assertEqual(self.client.get(self.url).status_code, 403)
                for name in ("sentiment_learn", "sentiment_stop"):
                    self.assertEqual(self.client.post(reverse(f"insights:{name}")).status_code, 403)
        self.assertFalse(SentimentCalibration.objects.exists())

    def test_the_actions_refuse_get_and_the_page_changes_nothing(self) -> None:
        self.scored()
        self.login(self.admin)
        for name in ("sentiment_learn", "sentiment_stop"):
            self.assertEqual(self.client.get(reverse(f"insights:{name}")).status_code, 405)
        self.client.get(self.url)
        self.assertFalse(SentimentCalibration.objects.exists())

    def test_another_organisations_learnt_sentiment_is_not_shown(self) -> None:
        self.scored(organisation=self.other_org)
        SentimentCalibration.objects.create(
            organisation=self.other_org, status=Status.READY, positive=25, negative=25
        )
        self.login(self.admin)
        page = self.client.get(self.url)
        self.assertContains(page, "Not in use")
        self.assertContains(page, "0 comments with a high score and 0 with a low one")


class SentimentLearningApiTest(SentimentLearningTestCase):
    def post(self, path: str, user: User) -> Any:
        self.client.force_login(user)
        return self.client.post(f"/api/insights/sentiment-learning{path}")

    def test_a_cx_lead_learns_follows_and_stops_it_through_the_api(self) -> None:
        self.client.force_login(self.cx_lead)
        before = self.client.get("/api/insights/sentiment-learning").json()
        self.assertEqual((before["can_learn"], before["latest"]), (False, None))
        refused = self.post("", self.cx_lead)
        self.assertEqual(refused.status_code, 422)
        self.assertIn("Learning needs at least 20 comments", refused.json()["detail"])
        self.scored()

        with self.captureOnCommitCallbacks(execute=True):
            started = self.post("", self.cx_lead)

        self.assertEqual(started.status_code, 202)
        self.assertEqual(started.json()["status"], "learning")  # as it was sent back
        learnt = self.client.get("/api/insights/sentiment-learning").json()
        self.assertEqual(learnt["in_use"]["id"], started.json()["id"])
        self.assertEqual(learnt["in_use"]["status"], "ready")
        self.assertGreater(learnt["in_use"]["learnt_f1"], 0.7)
        [english] = learnt["in_use"]["languages"]
        self.assertEqual((english["language"], english["in_use"]), ("en", True))
        self.assertEqual(
            learnt["languages"],
            [{"language": "en", "positive": 25, "negative": 25, "enough": True}],
        )
        self.assertEqual(self.post("/stop", self.cx_lead).status_code, 204)
        self.assertIsNone(self.client.get("/api/insights/sentiment-learning").json()["in_use"])

    def test_members_and_viewers_may_not_see_or_start_it(self) -> None:
        self.scored()
        for user in (self.owner, self.viewer):
            with self.subTest(user=user.email):
                self.client.force_login(user)
                self.assertEqual(
                    self.client.get("/api/insights/sentiment-learning").status_code, 403
                )
                self.assertEqual(self.post("", user).status_code, 403)
                self.assertEqual(self.post("/stop", user).status_code, 403)
        self.assertFalse(SentimentCalibration.objects.exists())
