"""Properties of every page and endpoint, checked by walking the URL configuration: anonymous
visitors are refused, GET never changes anything, and no URL is left out of these checks."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from centric.cases.models import (
    Case,
    Notification,
    RootCause,
    Rule,
    WebhookDelivery,
    WebhookEndpoint,
)
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer, ImportJob
from centric.feedback.models import (
    FeedbackImport,
    JourneyStage,
    Response,
    SavedMapping,
    Touchpoint,
)
from centric.feedback.services import survey_create_from_template
from centric.insights.models import ThemeDefinition, ThemeProposal
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # the respondent's pages: a token or an open link is the credential
    "feedback:respond",
    "feedback:thanks",
    "feedback:unsubscribe",
    "feedback:respond_open",
    "feedback:thanks_open",
}


def named_patterns() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                found.append((namespace + pattern.name, pattern))

    walk(get_resolver().url_patterns, "")
    return found


class EveryUrlTest(PersonasTestCase):
    def urls(self) -> list[tuple[str, str]]:
        job = ImportJob.objects.create(
            organisation=self.org,
            created_by=self.admin,
            kind="accounts",
            file_name="a.csv",
            content=b"name\nX\n",
        )
        token, _ = api_token_create(user=self.admin, name="t")
        survey = survey_create_from_template(
            actor=self.admin, template="relationship-nps", values={"name": "S"}
        )
        survey_stage = JourneyStage.objects.filter(organisation=self.org).first()
        assert survey_stage is not None
        survey_response = Response.objects.create(
            organisation=self.org, survey=survey, channel="link"
        )
        webhook = WebhookEndpoint.objects.create(organisation=self.org, url="https://h.example/")
        ids = {
            "team_id": self.team.pk,
            "person_id": self.teammate.pk,
            "business_unit_id": 1,
            "account_id": self.account.pk,
            "contact_id": self.contact.pk,
            "customer_id": Customer.objects.get(account=self.account).pk,
            "job_id": job.pk,
            "import_id": FeedbackImport.objects.create(
                organisation=self.org, created_by=self.admin, file_name="f.csv", file_format="csv"
            ).pk,
            "segment_id": self.segment.pk,
            "mapping_id": SavedMapping.objects.create(
                organisation=self.org, name="Weekly", created_by=self.admin
            ).pk,
            "survey_id": survey.pk,
            "question_id": survey.questions.first().pk,  # type: ignore[union-attr]
            "key": survey.questions.first().key,  # type: ignore[union-attr]
            "stage_id": survey_stage.pk,
            "touchpoint_id": Touchpoint.objects.create(organisation=self.org, name="Visit").pk,
            "response_id": survey_response.pk,
            "public_key": survey.public_key,
            "token_id": token.pk,
            "case_id": Case.objects.create(
                organisation=self.org,
                title="A case",
                owner=self.owner,
                opened_at=clock.now(),
                first_contact_due=clock.now(),
                resolution_due=clock.now(),
            ).pk,
            "endpoint_id": webhook.pk,
            "notification_id": Notification.objects.create(
                organisation=self.org, recipient=self.admin, message="Note"
            ).pk,
            "delivery_id": WebhookDelivery.objects.create(
                endpoint=webhook, event="ping", event_id="evt_1", payload={}, created_at=clock.now()
            ).pk,
            "theme_id": ThemeDefinition.objects.filter(organisation=self.org).first().pk,  # type: ignore[union-attr]
            "proposal_id": ThemeProposal.objects.create(organisation=self.org, name="p").pk,
            "rule_id": Rule.objects.create(organisation=self.org, name="Detractors").pk,
            "root_cause_id": RootCause.objects.filter(organisation=self.org).first().pk,  # type: ignore[union-attr]
            "language": "en",
            "uidb64": "MQ",
            "token": "x-y",
        }
        from centric.people.models import BusinessUnit

        ids["business_unit_id"] = BusinessUnit.objects.create(organisation=self.org, name="Unit").pk
        result = []
        for name, pattern in named_patterns():
            kwargs = {key: ids[key] for key in pattern.pattern.regex.groupindex}
            result.append((name, reverse(name, kwargs=kwargs)))
        return result

    def test_anonymous_visitors_are_refused_everywhere_but_sign_in(self) -> None:
        for name, url in self.urls():
            if name in PUBLIC or name == "robots":
                continue
            response = self.client.get(url)
            with self.subTest(url=url):
                if name == "api:api-root":
                    self.assertEqual(response.status_code, 404)
                elif url.startswith("/api/") and name not in {
                    "api:openapi-view",
                    "api:openapi-json",
                }:
                    self.assertIn(response.status_code, {401, 405}, url)
                else:
                    self.assertIn(response.status_code, {302, 405}, url)
                    if response.status_code == 302:
                        self.assertTrue(response["Location"].startswith("/login/"), url)

    def test_get_never_changes_anything(self) -> None:
        def counts() -> dict[str, int]:
            return {
                model._meta.label: model._default_manager.count() for model in apps.get_models()
            }

        urls = self.urls()
        for person in (self.admin, self.owner, self.viewer):
            self.login(person)
            before = counts()
            fields_before = list(AuditEvent.objects.values_list("id", flat=True))
            for _, url in urls:
                self.client.get(url)
            with self.subTest(person=person.email):
                self.assertEqual(counts(), before)
                self.assertEqual(
                    list(AuditEvent.objects.values_list("id", flat=True)), fields_before
                )
            self.account.refresh_from_db()
            self.assertEqual(self.account.name, "Acme")

    def test_every_page_answers_a_signed_in_admin_without_error(self) -> None:
        self.login(self.admin)
        for name, url in self.urls():
            if name in PUBLIC:
                continue
            with self.subTest(url=url):
                self.assertLess(self.client.get(url).status_code, 500, url)


class AuditLogPageTest(PersonasTestCase):
    def test_admins_see_the_audit_log_of_their_organisation(self) -> None:
        self.login(self.admin)
        self.client.post(reverse("customers:segment_list"), {"name": "Public sector"})
        response = self.client.get(reverse("audit_log"))
        self.assertContains(response, "Public sector")
        self.assertContains(response, str(self.admin))

    def test_no_one_else_sees_it(self) -> None:
        for person in (self.cx_lead, self.owner, self.viewer):
            self.login(person)
            self.assertEqual(self.client.get(reverse("audit_log")).status_code, 403)

    def test_another_organisations_changes_stay_hidden(self) -> None:
        from centric.core.audit import audit_record

        audit_record(
            organisation=self.other_org,
            actor=self.stranger,
            action="create",
            instance=self.stranger,
        )
        self.login(self.admin)
        self.assertNotContains(self.client.get(reverse("audit_log")), "stranger@elsewhere.example")
