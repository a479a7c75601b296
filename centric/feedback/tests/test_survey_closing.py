"""A survey's last day to answer: it takes answers until that day ends, in the organisation's
time zone, and then closes by itself."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from centric.core.models import AuditEvent, Organisation
from centric.feedback import selectors, services
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.people.services import api_token_create

BERLIN = ZoneInfo("Europe/Berlin")


def at(moment: dt.datetime) -> mock._patch[mock.MagicMock]:
    return mock.patch("centric.core.clock.now", return_value=moment)


class SurveyClosingTest(SurveyTestCase):
    def setUp(self) -> None:
        Organisation.objects.filter(pk=self.org.pk).update(time_zone="Europe/Berlin")
        self.survey = self.open_survey(self.make_survey())
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])
        self.settings_url = reverse("feedback:survey_edit", args=[self.survey.pk])
        self.login(self.cx_lead)

    def settings_with(self, **changes: object) -> dict[str, object]:
        return {
            "name": self.survey.name,
            "open_link": "on",
            "fatigue_days": self.survey.fatigue_days,
            "last_day": "",
            "languages": self.survey.languages,
            **changes,
        }

    def test_a_last_day_closes_the_survey_at_the_end_of_that_day_where_the_organisation_is(
        self,
    ) -> None:
        last_day = timezone.localdate(timezone=BERLIN) + dt.timedelta(days=2)

        answer = self.client.post(self.settings_url, self.settings_with(last_day=last_day))

        self.assertRedirects(answer, self.survey.get_absolute_url(), fetch_redirect_response=False)
        self.survey.refresh_from_db()
        end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=BERLIN)
        self.assertEqual(self.survey.closes_at, end)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, f"last day to answer: {last_day:%-d %b %Y}")
        listed = self.client.get(reverse("feedback:survey_list"))
        self.assertContains(listed, f"until {last_day:%-d %b %Y}")
        form = self.client.get(self.settings_url)
        self.assertContains(form, f'value="{last_day.isoformat()}"')
        # until that day ends the survey takes answers; from the next moment it does not
        with at(end - dt.timedelta(seconds=1)):
            page = self.client.get(self.url)
            self.assertContains(page, f"Please answer by the end of {last_day:%-d %B %Y}.")
            german = self.client.get(self.url, {"lang": "de"})
            day = f"{last_day.day}.{last_day.month}.{last_day.year}"
            self.assertContains(german, f"Bitte antworten Sie bis zum {day}.")
        with at(end):
            self.assertEqual(self.client.get(self.url).status_code, 410)
            # its page says so before the scheduled task marks it closed
            page = self.client.get(self.survey.get_absolute_url())
            self.assertContains(page, '<span class="badge churned">Closed</span>')
            refused = self.client.post(self.url, {"page": "1", "nps": "9"})
            self.assertEqual(refused.status_code, 410)
        self.assertFalse(Response.objects.filter(submitted_at__isnull=False).exists())
        # an empty day closes it by hand again
        self.client.post(self.settings_url, self.settings_with())
        self.survey.refresh_from_db()
        self.assertIsNone(self.survey.closes_at)

    def test_a_day_that_has_passed_is_refused_but_a_passed_day_kept_is_not(self) -> None:
        yesterday = timezone.localdate(timezone=BERLIN) - dt.timedelta(days=1)
        answer = self.client.post(self.settings_url, self.settings_with(last_day=yesterday))
        self.assertContains(answer, "That day has passed: choose today or a later one.")
        self.survey.refresh_from_db()
        self.assertIsNone(self.survey.closes_at)
        # a survey whose last day passed can still have its name changed
        Survey.objects.filter(pk=self.survey.pk).update(
            closes_at=dt.datetime.combine(
                timezone.localdate(timezone=BERLIN), dt.time(), tzinfo=BERLIN
            )
        )
        answer = self.client.post(
            self.settings_url, self.settings_with(name="Renamed", last_day=yesterday)
        )
        self.assertEqual(answer.status_code, 302)

    def test_due_surveys_are_closed_by_the_scheduled_task_and_it_is_audited(self) -> None:
        other = self.open_survey(self.make_survey(name="Still open"))
        end = timezone.now() + dt.timedelta(hours=1)
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=end)

        self.assertEqual(services.surveys_close_due(), 0)
        self.assertEqual(services.surveys_close_due(now=end), 1)

        self.survey.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual((self.survey.status, other.status), ("closed", "open"))
        event = AuditEvent.objects.filter(object_id=str(self.survey.pk)).latest("at")
        self.assertIsNone(event.actor)
        self.assertEqual(event.changes["status"], ["Open", "Closed"])  # as the log shows them
        self.assertEqual(services.surveys_close_due(now=end), 0)
        # whoever made it is told, once, with how many answered
        (told,) = [message for message in mail.outbox if "closed at the end of" in message.subject]
        self.assertEqual(told.to, [self.cx_lead.email])
        day = self.survey.last_day
        assert day is not None
        self.assertEqual(
            told.subject,
            f"“Q4 relationship” closed at the end of {day.day} {day:%B} {day.year}: 0 answered "
            "(0% of the 1 invited).",
        )
        self.assertIn(f"http://testserver{self.survey.get_absolute_url()}", told.body)

    def test_nobody_is_emailed_an_invitation_to_a_survey_past_its_last_day(self) -> None:
        end = timezone.now() + dt.timedelta(hours=1)
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=end)
        self.assertEqual(selectors.invitations_ready(self.survey).count(), 1)
        with at(end):
            self.assertEqual(selectors.invitations_ready(self.survey).count(), 0)
            services.invitations_send(survey_id=self.survey.pk)
        self.assertEqual(mail.outbox, [])

    def test_the_invitation_says_until_when_it_can_be_answered(self) -> None:
        # a contact on the organisation's clock (for one elsewhere, see test_invitation_wording)
        self.contact.time_zone = "Europe/Berlin"
        self.contact.save()
        last_day = timezone.localdate(timezone=BERLIN) + dt.timedelta(days=14)
        self.client.post(self.settings_url, self.settings_with(last_day=last_day))

        services.invitations_send(survey_id=self.survey.pk)

        self.assertIn(f"until the end of {last_day:%-d %B %Y}.", mail.outbox[0].body)
        # in German the day is written the German way
        Invitation.objects.filter(pk=self.invitation.pk).update(language="de", sent_at=None)
        services.invitations_send(survey_id=self.survey.pk)
        german = f"bis zum {last_day.day}.{last_day.month}.{last_day.year}."
        self.assertIn(german, mail.outbox[1].body)

    def test_a_survey_past_its_last_day_is_not_opened_again_until_the_day_changes(self) -> None:
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        Survey.objects.filter(pk=self.survey.pk).update(
            closes_at=timezone.now() - dt.timedelta(minutes=1)
        )
        url = reverse("feedback:survey_status", args=[self.survey.pk])

        answer = self.client.post(url, {"status": "open"}, follow=True)

        self.assertContains(answer, "last day has passed")
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.status, "closed")

    def test_the_api_sets_the_last_day_and_says_when_the_survey_closes(self) -> None:
        _, secret = api_token_create(user=self.cx_lead, name="test")
        last_day = timezone.localdate(timezone=BERLIN) + dt.timedelta(days=10)
        answer = self.client.patch(
            f"/api/surveys/{self.survey.pk}",
            json.dumps({"last_day": last_day.isoformat()}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        closes_at = dt.datetime.fromisoformat(answer.json()["closes_at"])
        self.assertEqual(closes_at.astimezone(BERLIN).date(), last_day + dt.timedelta(days=1))
        self.assertEqual(closes_at.astimezone(BERLIN).time(), dt.time())
        refused = self.client.patch(
            f"/api/surveys/{self.survey.pk}",
            json.dumps({"last_day": "2020-01-01"}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "last_day"])

    def test_a_new_survey_may_be_given_its_last_day_and_its_reminder(self) -> None:
        last_day = timezone.localdate(timezone=BERLIN) + dt.timedelta(days=30)
        answer = self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "relationship-nps",
                "name": "Spring check-in",
                "default_language": "en",
                "languages": ["en", "de"],
                "fatigue_days": "30",
                "remind_automatically": "on",
                "last_day": last_day.isoformat(),
            },
        )
        survey = Survey.objects.get(name="Spring check-in")
        self.assertRedirects(answer, survey.get_absolute_url(), fetch_redirect_response=False)
        self.assertTrue(survey.remind_automatically)
        self.assertEqual(survey.last_day, last_day)
        # the API makes one the same way, and refuses a day gone by
        _, secret = api_token_create(user=self.cx_lead, name="test")
        headers = {"Authorization": f"Bearer {secret}"}
        body = {"template": "relationship-nps", "name": "Summer", "last_day": "2020-06-30"}
        refused = self.client.post(
            "/api/surveys", json.dumps(body), content_type="application/json", headers=headers
        )
        self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "last_day"])
        body["last_day"] = last_day.isoformat()
        made = self.client.post(
            "/api/surveys", json.dumps(body), content_type="application/json", headers=headers
        )
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(Survey.objects.get(name="Summer").last_day, last_day)
