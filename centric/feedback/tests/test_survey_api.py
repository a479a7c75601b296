"""Making and running surveys through the JSON API, as the survey pages do: the same services,
forms, roles and scopes, so the API accepts and refuses what the pages do."""

from __future__ import annotations

from typing import Any

from centric.core.models import AuditEvent
from centric.feedback import services
from centric.feedback.catalog import TEMPLATES
from centric.feedback.models import Invitation, JourneyStage, Survey, Touchpoint
from tests.api.test_api import ApiTestCase
from tests.factories import AccountFactory, ContactFactory


class SurveyApiTestCase(ApiTestCase):
    def make_survey(self, template: str = "relationship-nps", **values: object) -> Survey:
        return services.survey_create_from_template(
            actor=self.cx_lead, template=template, values={"name": "Q4 relationship", **values}
        )

    def errors(self, response: Any) -> dict[str, str]:
        """A 422's reasons by the field named."""
        self.assertEqual(response.status_code, 422, response.content)
        reasons = {}
        for error in response.json()["detail"]:
            where = error["loc"][1:]  # after "body"; a schema's error names the payload first
            if where[0] == "payload" and len(where) > 1:
                where = where[1:]
            reasons[".".join(map(str, where))] = error["msg"]
        return reasons

    def get_schema(self) -> dict[str, Any]:
        self.login(self.viewer)
        schema: dict[str, Any] = self.client.get("/api/openapi.json").json()
        self.client.logout()
        return schema


class SurveyBuildingApiTest(SurveyApiTestCase):
    def test_a_cx_lead_builds_a_survey_from_a_template(self) -> None:
        templates = self.get("/survey-templates", self.viewer).json()
        self.assertEqual([item["slug"] for item in templates], list(TEMPLATES))
        stage = JourneyStage.objects.get(organisation=self.org, name="Use")

        response = self.send(
            "post",
            "/surveys",
            self.cx_lead,
            {"template": "relationship-nps", "name": "Relationship 2027", "stage_id": stage.pk},
        )

        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        survey = Survey.objects.get(pk=body["id"])
        self.assertEqual(
            (survey.name, survey.status, survey.stage), ("Relationship 2027", "draft", stage)
        )
        self.assertEqual((body["stage_id"], body["stage"]), (stage.pk, "Use"))
        self.assertEqual(
            [question["key"] for question in body["questions"]],
            [spec.key for spec in TEMPLATES["relationship-nps"].questions],
        )
        self.assertEqual(body["open_link_url"], f"http://testserver/s/{survey.public_key}/")
        self.assertIn("en", body["intro"])
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditEvent.Action.CREATE, object_id=str(survey.pk)
            ).exists()
        )

    def test_the_forms_rules_hold_and_errors_name_the_field(self) -> None:
        other_stage = JourneyStage.objects.get(organisation=self.org, name="Delivery")
        touchpoint = Touchpoint.objects.create(
            organisation=self.org, name="Courier", stage=other_stage
        )
        use = JourneyStage.objects.get(organisation=self.org, name="Use")
        cases = [
            ({"template": "no-such-template", "name": "X"}, "template"),
            ({"template": "internal-customer", "name": "X"}, "subject_team_id"),
            (
                {"template": "relationship-nps", "name": "X", "subject_team_id": self.team.pk},
                "subject_team_id",
            ),
            (
                {
                    "template": "relationship-nps",
                    "name": "X",
                    "stage_id": use.pk,
                    "touchpoint_id": touchpoint.pk,
                },
                "touchpoint_id",
            ),
            ({"template": "relationship-nps", "name": ""}, "name"),
            ({"template": "relationship-nps", "name": "X", "fatigue_days": -1}, "fatigue_days"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=body):
                self.assertIn(field, self.errors(self.send("post", "/surveys", self.cx_lead, body)))
        # another organisation's stage is no choice
        stranger_stage = JourneyStage.objects.create(organisation=self.other_org, name="Theirs")
        body = {"template": "relationship-nps", "name": "X", "stage_id": stranger_stage.pk}
        self.assertIn("stage_id", self.errors(self.send("post", "/surveys", self.cx_lead, body)))
        self.assertFalse(Survey.objects.filter(name="X").exists())

    def test_an_internal_customer_survey_rates_a_team(self) -> None:
        body = {
            "template": "internal-customer",
            "name": "Finance's service",
            "subject_team_id": self.finance.pk,
        }
        response = self.send("post", "/surveys", self.admin, body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["subject_team_id"], self.finance.pk)

    def test_settings_change_only_as_sent(self) -> None:
        survey = self.make_survey(fatigue_days=30, languages=["en", "de"])
        intro_en, intro_fr = survey.intro["en"], survey.intro["fr"]

        response = self.send(
            "patch",
            f"/surveys/{survey.pk}",
            self.cx_lead,
            {
                "fatigue_days": 60,
                "intro": {"de": "Neue Einleitung"},
                "open_link": False,
                "remind_automatically": True,
            },
        )

        self.assertEqual(response.status_code, 200, response.content)
        survey.refresh_from_db()
        self.assertEqual(
            (survey.fatigue_days, survey.open_link, survey.name), (60, False, "Q4 relationship")
        )
        # the template's words in the languages not offered are kept for when they are
        self.assertEqual(
            (survey.intro["en"], survey.intro["de"], survey.intro["fr"]),
            (intro_en, "Neue Einleitung", intro_fr),
        )
        self.assertIsNone(response.json()["open_link_url"])
        self.assertTrue(response.json()["remind_automatically"])
        self.assertTrue(survey.remind_automatically)
        # a language emptied is removed; a language the survey is not in is refused
        self.send("patch", f"/surveys/{survey.pk}", self.cx_lead, {"intro": {"de": ""}})
        survey.refresh_from_db()
        self.assertNotIn("de", survey.intro)
        self.assertEqual(survey.intro["en"], intro_en)
        errors = self.errors(
            self.send("patch", f"/surveys/{survey.pk}", self.cx_lead, {"intro": {"fr": "Bonjour"}})
        )
        self.assertIn("intro", errors)
        errors = self.errors(
            self.send(
                "patch", f"/surveys/{survey.pk}", self.cx_lead, {"thank_you": {"en": "x" * 2001}}
            )
        )
        self.assertIn("thank_you.en", errors)

    def test_every_setting_a_change_takes_reads_back(self) -> None:
        survey = self.make_survey()
        path = f"/surveys/{survey.pk}"
        sent = {"fatigue_days": 7, "last_day": "2099-01-31", "send_in_working_hours": True}

        changed = self.send("patch", path, self.cx_lead, sent)
        read = self.get(path, self.viewer)

        self.assertEqual(changed.status_code, 200, changed.content)
        for body in (changed.json(), read.json()):
            self.assertEqual({name: body[name] for name in sent}, sent)
        # every field a change takes is read back, by the same name
        change = self.get_schema()["components"]["schemas"]["SurveyChangeIn"]["properties"]
        detail = self.get_schema()["components"]["schemas"]["SurveyDetailOut"]["properties"]
        self.assertLessEqual(set(change), set(detail))

    def test_a_last_day_beyond_the_calendar_is_refused_by_name(self) -> None:
        survey = self.make_survey()
        refused = self.send(
            "patch", f"/surveys/{survey.pk}", self.cx_lead, {"last_day": "9999-12-31"}
        )
        self.assertEqual(
            self.errors(refused), {"last_day": "That day is too far ahead: choose an earlier one."}
        )

    def test_the_title_respondents_read_and_one_answer_per_browser_are_set(self) -> None:
        survey = self.make_survey(languages=["en", "de"])
        response = self.send(
            "patch",
            f"/surveys/{survey.pk}",
            self.cx_lead,
            {"title": {"de": "Wie war Ihre Lieferung?"}, "one_answer_per_browser": False},
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["title"], {"de": "Wie war Ihre Lieferung?"})
        self.assertFalse(body["one_answer_per_browser"])
        survey.refresh_from_db()
        self.assertEqual(
            (survey.title_in("de"), survey.title_in("en")),
            ("Wie war Ihre Lieferung?", "Northwind"),  # never the survey's name
        )
        errors = self.errors(
            self.send("patch", f"/surveys/{survey.pk}", self.cx_lead, {"title": {"fr": "Bonjour"}})
        )
        self.assertIn("title", errors)

    def test_open_close_copy_and_waves(self) -> None:
        survey = self.make_survey()
        opened = self.send("post", f"/surveys/{survey.pk}/status", self.cx_lead, {"status": "open"})
        self.assertEqual(opened.json()["status"], "open")
        # a wave needs invitations in the one before
        refused = self.send("post", f"/surveys/{survey.pk}/waves", self.cx_lead, {})
        self.assertEqual(refused.status_code, 422)
        self.assertIn("Nobody has been invited in wave 1", refused.json()["detail"])
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        # nobody has had time to answer: not before a week, unless asked for knowingly
        early = self.send("post", f"/surveys/{survey.pk}/waves", self.cx_lead, {})
        self.assertEqual(early.status_code, 422)
        self.assertIn("wave 2 can start a week after they are", early.json()["detail"])
        started = self.send("post", f"/surveys/{survey.pk}/waves", self.cx_lead, {"early": True})
        self.assertEqual((started.status_code, started.json()["current_wave"]), (201, 2))

        copy = self.send(
            "post", f"/surveys/{survey.pk}/copy", self.cx_lead, {"name": "Q1 relationship"}
        )
        self.assertEqual(copy.status_code, 201)
        self.assertEqual(
            (copy.json()["name"], copy.json()["status"], copy.json()["invited"]),
            ("Q1 relationship", "draft", 0),
        )
        closed = self.send(
            "post", f"/surveys/{survey.pk}/status", self.cx_lead, {"status": "closed"}
        )
        self.assertEqual(closed.json()["status"], "closed")
        bad = self.send("post", f"/surveys/{survey.pk}/status", self.cx_lead, {"status": "gone"})
        self.assertEqual(bad.status_code, 422)

    def test_get_and_write_methods_share_their_paths(self) -> None:
        survey = self.make_survey()
        self.assertEqual(self.get("/surveys", self.viewer).status_code, 200)
        self.assertEqual(self.get(f"/surveys/{survey.pk}", self.viewer).status_code, 200)
        patched = self.send("patch", f"/surveys/{survey.pk}", self.cx_lead, {"name": "Renamed"})
        self.assertEqual(patched.status_code, 200, patched.content)


class QuestionApiTest(SurveyApiTestCase):
    def test_questions_are_added_changed_moved_and_deleted_in_a_draft(self) -> None:
        survey = self.make_survey()
        path = f"/surveys/{survey.pk}/questions"
        score = next(item for item in survey.questions.all() if item.kind == "nps")

        added = self.send(
            "post",
            path,
            self.cx_lead,
            {
                "kind": "single",
                "text": {"en": "What would you miss most?", "de": "Was würden Sie vermissen?"},
                "page": 3,
                "required": False,
                "options": [{"en": "The people", "de": "Die Menschen"}, {"en": "The product"}],
                "show_if": {"question": score.key, "max": 6},
            },
        )

        self.assertEqual(added.status_code, 201, added.content)
        question = added.json()
        self.assertEqual(question["key"], "what_would_you_miss_most")
        self.assertEqual(
            [option["label"] for option in question["options"]],
            [{"en": "The people", "de": "Die Menschen"}, {"en": "The product"}],
        )
        self.assertEqual((question["required"], question["page"]), (False, 3))
        self.assertEqual(question["show_if"], {"question": score.key, "max": 6})

        changed = self.send(
            "patch",
            f"{path}/{question['key']}",
            self.cx_lead,
            {"text": {"en": "What would you miss?"}},
        )
        self.assertEqual(changed.status_code, 200, changed.content)
        body = changed.json()
        # the text is sent whole (no German now); its key, page, options and condition stay
        self.assertEqual((body["key"], body["page"], body["required"]), (question["key"], 3, False))
        self.assertEqual(body["text"], {"en": "What would you miss?"})
        self.assertEqual(body["show_if"], {"question": score.key, "max": 6})
        self.assertEqual(len(body["options"]), 2)

        unconditional = self.send(
            "patch", f"{path}/{question['key']}", self.cx_lead, {"show_if": None}
        )
        self.assertEqual(unconditional.json()["show_if"], {})

        page_three = self.send(
            "post",
            path,
            self.cx_lead,
            {"kind": "text", "text": {"en": "Anything else?"}, "page": 3},
        )
        moved = self.send(
            "post", f"{path}/{page_three.json()['key']}/move", self.cx_lead, {"direction": "up"}
        )
        self.assertEqual(moved.status_code, 200, moved.content)
        keys = [item["key"] for item in moved.json()]
        self.assertLess(keys.index("anything_else"), keys.index(question["key"]))

        deleted = self.client.delete(
            f"/api{path}/{question['key']}", headers=self.as_(self.cx_lead)
        )
        self.assertEqual(deleted.status_code, 204)
        self.assertFalse(survey.questions.filter(key=question["key"]).exists())
        self.assertEqual(
            self.client.delete(
                f"/api{path}/{question['key']}", headers=self.as_(self.cx_lead)
            ).status_code,
            404,
        )

    def test_bad_questions_are_refused_naming_the_field(self) -> None:
        survey = self.make_survey()
        path = f"/surveys/{survey.pk}/questions"
        score = next(item for item in survey.questions.all() if item.kind == "nps")
        cases = [
            (
                {
                    "kind": "single",
                    "text": {"en": "Pick"},
                    "options": [{"en": "A | B"}, {"en": "C"}],
                },
                "options.0.en",
            ),
            ({"kind": "text", "text": {"en": ""}}, "text.en"),
            ({"kind": "text", "text": {"en": "Why?"}, "page": 0}, "page"),
            (
                {
                    "kind": "text",
                    "text": {"en": "Why?"},
                    "page": 2,
                    "show_if": {"question": score.key},
                },
                "show_if.min",
            ),
            (
                {
                    "kind": "text",
                    "text": {"en": "Why?"},
                    "page": 2,
                    "show_if": {"question": score.key, "min": 11},
                },
                "show_if.min",
            ),
            (
                {"kind": "text", "text": {"en": "Why?"}, "show_if": {"question": "nope", "min": 1}},
                "show_if.question",
            ),
            ({"kind": "sometimes", "text": {"en": "Why?"}}, "kind"),
        ]
        for body, field in cases:
            with self.subTest(field=field, body=body):
                self.assertIn(field, self.errors(self.send("post", path, self.cx_lead, body)))
        # a rule of the service, not of a field, is said as it is
        single = self.send(
            "post",
            path,
            self.cx_lead,
            {"kind": "single", "text": {"en": "Pick"}, "options": [{"en": "A"}]},
        )
        self.assertEqual(single.status_code, 422)
        self.assertIn("at least two options", single.json()["detail"])
        self.assertEqual(survey.questions.count(), len(TEMPLATES["relationship-nps"].questions))

    def test_an_open_surveys_questions_stay_as_answered(self) -> None:
        survey = self.make_survey()
        services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")
        key = survey.questions.first().key  # type: ignore[union-attr]
        path = f"/surveys/{survey.pk}/questions"
        added = self.send("post", path, self.cx_lead, {"kind": "text", "text": {"en": "Why?"}})
        self.assertEqual(added.status_code, 403)
        changed = self.send("patch", f"{path}/{key}", self.cx_lead, {"required": False})
        self.assertEqual(changed.status_code, 403)


class InvitationApiTest(SurveyApiTestCase):
    def test_invitations_are_made_listed_with_their_links_and_sent(self) -> None:
        ContactFactory.create(
            organisation=self.org, account=self.account, email="second@acme.example"
        )
        survey = self.make_survey()
        services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")

        response = self.send(
            "post",
            f"/surveys/{survey.pk}/invitations",
            self.cx_lead,
            {"account_ids": [self.account.pk]},
        )

        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(
            {key: response.json()[key] for key in ("invited", "wave", "skipped", "emailing")},
            {"invited": 2, "wave": 1, "skipped": [], "emailing": 2},
        )
        again = self.send(
            "post",
            f"/surveys/{survey.pk}/invitations",
            self.cx_lead,
            {"account_ids": [self.account.pk]},
        )
        self.assertEqual(again.json()["invited"], 0)
        self.assertEqual(
            {item["reason"] for item in again.json()["skipped"]}, {"already invited to this survey"}
        )

        listed = self.get(f"/surveys/{survey.pk}/invitations", self.cx_lead).json()
        self.assertEqual(listed["count"], 2)
        first = listed["items"][0]
        invitation = Invitation.objects.get(pk=first["id"])
        self.assertEqual(first["url"], f"http://testserver/r/{invitation.token}/")
        self.assertFalse(first["answered"])
        self.assertEqual(self.client.get(first["url"]).status_code, 200)
        self.assertEqual(
            self.get(f"/surveys/{survey.pk}/invitations", self.cx_lead, wave=2).json()["count"], 0
        )

        sent = self.send(
            "post", f"/surveys/{survey.pk}/send", self.cx_lead, {"what": "invitations"}
        )
        self.assertEqual((sent.status_code, sent.json()), (202, {"queued": 2, "held_back": 0}))
        # nobody was emailed days ago, so nobody needs a reminder
        reminders = self.send(
            "post", f"/surveys/{survey.pk}/send", self.cx_lead, {"what": "reminders"}
        )
        self.assertEqual(reminders.json()["queued"], 0)

    def test_a_segments_accounts_and_chosen_contacts_are_invited(self) -> None:
        other = AccountFactory.create(organisation=self.org, name="Beta", segment=None)
        chosen = ContactFactory.create(
            organisation=self.org, account=other, email="bo@beta.example"
        )
        ContactFactory.create(organisation=self.org, account=other, email="left@beta.example")
        survey = self.make_survey()
        body = {
            "segment_ids": [self.segment.pk],
            "contact_emails": [chosen.email, "Carla@Acme.example"],
        }

        response = self.send("post", f"/surveys/{survey.pk}/invitations", self.cx_lead, body)

        self.assertEqual((response.status_code, response.json()["invited"]), (201, 2))
        self.assertEqual(
            sorted(Invitation.objects.values_list("email", flat=True)),
            ["bo@beta.example", "carla@acme.example"],
        )
        theirs = ContactFactory.create(
            account=AccountFactory.create(organisation=self.other_org), email="x@else.example"
        )
        refused = self.send(
            "post",
            f"/surveys/{survey.pk}/invitations",
            self.cx_lead,
            {"contact_emails": [theirs.email, "nobody@acme.example"]},
        )
        self.assertIn("x@else.example, nobody@acme.example", self.errors(refused)["contact_emails"])

    def test_bad_invitations_are_refused(self) -> None:
        survey = self.make_survey()
        path = f"/surveys/{survey.pk}/invitations"
        self.assertIn("payload", self.errors(self.send("post", path, self.cx_lead, {})))
        self.assertIn(
            "account_ids",
            self.errors(self.send("post", path, self.cx_lead, {"account_ids": [10**9]})),
        )
        # beyond any id the database holds: named, not a server error
        for field in ("account_ids", "segment_ids"):
            beyond = self.send("post", path, self.cx_lead, {field: [10**20]})
            self.assertIn(f"{field}.0", self.errors(beyond))
        internal = self.make_survey("internal-customer", name="Finance", subject_team=self.finance)
        body = {"account_ids": [self.account.pk]}
        self.assertIn(
            "account_ids",
            self.errors(
                self.send("post", f"/surveys/{internal.pk}/invitations", self.cx_lead, body)
            ),
        )
        external: list[tuple[str, object]] = [
            ("segment_ids", self.segment.pk),
            ("contact_emails", self.contact.email),
        ]
        for field, value in external:
            sent = {field: [value]}
            refused = self.send("post", f"/surveys/{internal.pk}/invitations", self.cx_lead, sent)
            self.assertIn(field, self.errors(refused))
        rates_itself = {"team_ids": [self.finance.pk]}
        self.assertIn(
            "team_ids",
            self.errors(
                self.send("post", f"/surveys/{internal.pk}/invitations", self.cx_lead, rates_itself)
            ),
        )
        # a draft is not sent
        sent = self.send("post", f"/surveys/{survey.pk}/send", self.cx_lead, {})
        self.assertEqual(sent.status_code, 422)
        self.assertFalse(Invitation.objects.exists())


class SurveyApiPermissionTest(SurveyApiTestCase):
    def test_members_and_viewers_read_but_do_not_make_or_run_surveys(self) -> None:
        survey = self.make_survey()
        key = survey.questions.first().key  # type: ignore[union-attr]
        writes = [
            ("post", "/surveys", {"template": "relationship-nps", "name": "Mine"}),
            ("patch", f"/surveys/{survey.pk}", {"name": "Mine"}),
            ("post", f"/surveys/{survey.pk}/status", {"status": "open"}),
            ("post", f"/surveys/{survey.pk}/copy", {}),
            ("post", f"/surveys/{survey.pk}/waves", {}),
            ("post", f"/surveys/{survey.pk}/questions", {"kind": "text", "text": {"en": "Why?"}}),
            ("patch", f"/surveys/{survey.pk}/questions/{key}", {"required": False}),
            ("post", f"/surveys/{survey.pk}/questions/{key}/move", {"direction": "down"}),
            ("delete", f"/surveys/{survey.pk}/questions/{key}", {}),
            ("post", f"/surveys/{survey.pk}/invitations", {"account_ids": [self.account.pk]}),
            ("post", f"/surveys/{survey.pk}/send", {}),
            ("post", "/journey/stages", {"name": "Mine"}),
            ("post", "/journey/touchpoints", {"name": "Mine"}),
        ]
        for user in (self.owner, self.viewer):
            for method, path, body in writes:
                with self.subTest(user=user.email, method=method, path=path):
                    self.assertEqual(self.send(method, path, user, body).status_code, 403)
            self.assertEqual(self.get(f"/surveys/{survey.pk}/invitations", user).status_code, 403)
        self.assertEqual(Survey.objects.count(), 1)
        survey.refresh_from_db()
        self.assertEqual((survey.name, survey.status), ("Q4 relationship", "draft"))
        self.assertFalse(JourneyStage.objects.filter(name="Mine").exists())

    def test_another_organisations_survey_is_not_found_and_no_token_is_401(self) -> None:
        survey = self.make_survey()
        for method, path, body in [
            ("patch", f"/surveys/{survey.pk}", {"name": "Theirs"}),
            ("post", f"/surveys/{survey.pk}/status", {"status": "closed"}),
            ("post", f"/surveys/{survey.pk}/copy", {}),
            ("post", f"/surveys/{survey.pk}/questions", {"kind": "text", "text": {"en": "Why?"}}),
            ("post", f"/surveys/{survey.pk}/invitations", {"team_ids": [self.team.pk]}),
        ]:
            with self.subTest(path=path):
                self.assertEqual(self.send(method, path, self.stranger, body).status_code, 404)
                call = getattr(self.client, method)
                self.assertEqual(
                    call(f"/api{path}", body, content_type="application/json").status_code, 401
                )
        self.assertEqual(
            self.get(f"/surveys/{survey.pk}/invitations", self.stranger).status_code, 404
        )
        survey.refresh_from_db()
        self.assertEqual(survey.name, "Q4 relationship")


class JourneyApiTest(SurveyApiTestCase):
    def test_the_journey_is_listed_and_edited(self) -> None:
        stages = self.get("/journey/stages", self.viewer).json()
        self.assertEqual(stages[0]["name"], "Shop")
        last = stages[-1]["position"]

        added = self.send("post", "/journey/stages", self.cx_lead, {"name": "Renew"})
        self.assertEqual(added.status_code, 201, added.content)
        self.assertEqual(added.json()["position"], last + 1)
        renamed = self.send(
            "patch", f"/journey/stages/{added.json()['id']}", self.cx_lead, {"name": "Renewal"}
        )
        self.assertEqual(
            (renamed.json()["name"], renamed.json()["position"]), ("Renewal", last + 1)
        )
        taken = self.errors(self.send("post", "/journey/stages", self.cx_lead, {"name": "Shop"}))
        self.assertIn("Name already exists", taken["payload"])

        touchpoint = self.send(
            "post",
            "/journey/touchpoints",
            self.cx_lead,
            {"name": "Renewal call", "stage_id": added.json()["id"]},
        )
        self.assertEqual(touchpoint.status_code, 201, touchpoint.content)
        stage = self.get("/journey/stages", self.viewer).json()[-1]
        self.assertEqual([item["name"] for item in stage["touchpoints"]], ["Renewal call"])
        moved = self.send(
            "patch",
            f"/journey/touchpoints/{touchpoint.json()['id']}",
            self.cx_lead,
            {"stage_id": None},
        )
        self.assertIsNone(moved.json()["stage_id"])

        theirs = JourneyStage.objects.create(organisation=self.other_org, name="Theirs")
        refused = self.send(
            "post", "/journey/touchpoints", self.cx_lead, {"name": "X", "stage_id": theirs.pk}
        )
        self.assertIn("stage_id", self.errors(refused))
        self.assertEqual(
            self.send(
                "patch", f"/journey/stages/{theirs.pk}", self.cx_lead, {"name": "Y"}
            ).status_code,
            404,
        )
