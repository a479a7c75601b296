"""The closing message and its re-survey line speak every language a survey does: each default
has the English placeholders, every organisation (new or existing) has a template in each
language, and a French customer is written to in French."""

from __future__ import annotations

import importlib
import string

from django.apps import apps
from django.core import mail
from django.test import SimpleTestCase

from centric.cases import services
from centric.cases.models import Case, ClosingTemplate, RootCause
from centric.cases.routing import responses_route
from centric.cases.services import CLOSING_TEMPLATES, SURVEY_LINK_LINE
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from centric.feedback.wording import SURVEY_LANGUAGES
from tests.factories import OrganisationFactory
from tests.personas import PersonasTestCase

MIGRATION = "centric.cases.migrations.0006_closing_templates_in_every_language"


def placeholders(text: str) -> list[str]:
    """The names of ``text``'s placeholders, in order (a stray brace fails to parse)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


class DefaultWordingTests(SimpleTestCase):
    def test_every_survey_language_has_a_closing_message_and_a_survey_line(self) -> None:
        self.assertEqual(set(CLOSING_TEMPLATES), set(SURVEY_LANGUAGES))
        self.assertEqual(set(SURVEY_LINK_LINE), set(SURVEY_LANGUAGES))

    def test_each_closing_message_has_the_english_placeholders_and_layout(self) -> None:
        english_subject, english_body = CLOSING_TEMPLATES["en"]
        for language in SURVEY_LANGUAGES:
            subject, body = CLOSING_TEMPLATES[language]
            with self.subTest(language=language):
                self.assertEqual(placeholders(subject), placeholders(english_subject))
                # the addressee by name, or (Japanese) by family name
                names = {"{name}", "{family_name}"}
                self.assertEqual(
                    [
                        part if "{" + part + "}" not in names else "name"
                        for part in placeholders(body)
                    ],
                    placeholders(english_body),
                )
                # the resolution stands in a paragraph of its own, the survey line under it,
                # then the sign-off on a line of its own above the sender
                self.assertIn("\n\n{resolution}\n\n{survey_link}\n", body)
                sign_off = body.split("{survey_link}\n")[1]
                self.assertRegex(sign_off, r"^[^\n{}]+\n\{sender\}$")
                self.assertLessEqual(len(subject), 200)
                self.assertEqual(subject, subject.strip())

    def test_each_survey_line_has_the_link_and_ends_its_line(self) -> None:
        for language in SURVEY_LANGUAGES:
            line = SURVEY_LINK_LINE[language]
            with self.subTest(language=language):
                self.assertEqual(placeholders(line), placeholders(SURVEY_LINK_LINE["en"]))
                self.assertEqual(placeholders(line), ["link"])
                self.assertTrue(line.endswith("{link}\n"))
                self.assertEqual(line.count("\n"), 1)


class ClosingLanguagesTests(PersonasTestCase):
    def resolved_case(self, resolution: str) -> Case:
        """A case opened by Carla's detractor score and resolved with ``resolution``."""
        detractor_rule(self.org.pk)
        acme = Customer.objects.get(account=self.account)
        responses_route(response_ids=[feedback(customer=acme, contact=self.contact).pk])
        case = Case.objects.get()
        services.case_record_cause(
            actor=self.owner,
            case=case,
            root_cause=RootCause.objects.get(organisation=self.org, name="Billing error"),
            resolution=resolution,
        )
        return services.case_transition(actor=self.owner, case=case, state=Case.State.RESOLVED)

    def test_a_new_organisation_has_a_closing_template_in_every_survey_language(self) -> None:
        organisation = OrganisationFactory.create(name="Brand new")
        stored = dict(
            ClosingTemplate.objects.filter(organisation=organisation).values_list(
                "language", "subject"
            )
        )
        self.assertEqual(set(stored), set(SURVEY_LANGUAGES))
        self.assertEqual(stored["fr"], CLOSING_TEMPLATES["fr"][0])

    def test_closing_the_loop_with_a_french_customer(self) -> None:
        self.contact.language = "fr"
        self.contact.save()
        # no re-survey chosen on the closing messages: the organisation's own is made
        case = self.resolved_case("Nous avons remboursé le double prélèvement.")
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        subject, _ = CLOSING_TEMPLATES["fr"]
        self.assertEqual(
            (draft.to, draft.language, draft.subject), (self.contact.email, "fr", subject)
        )
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner, case=case, subject=draft.subject, body=draft.body, resurvey=True
            )
        case.refresh_from_db()
        self.assertEqual(case.state, Case.State.CLOSED)
        invitation = case.resurvey
        assert invitation is not None
        self.assertEqual(invitation.survey.name, services.RESURVEY_NAME)
        self.assertEqual(invitation.language, "fr")  # the re-survey asks in French too
        (message,) = mail.outbox
        self.assertEqual((message.to, message.subject), ([self.contact.email], subject))
        self.assertTrue(message.from_email.startswith("Northwind <"))  # from the organisation
        self.assertTrue(message.body.startswith("Bonjour Carla,\n\nMerci de nous avoir fait part"))
        self.assertIn("\n\nNous avons remboursé le double prélèvement.\n\n", message.body)
        self.assertIn("Bien cordialement,\n", message.body)
        line = SURVEY_LINK_LINE["fr"].format(link="http://x").split("http://x")[0]
        self.assertIn(f"{line}http", message.body)
        self.assertIn(f"/r/{invitation.token}/", message.body)
        # where the template puts it: before the signature, not after it
        self.assertIn(f"/r/{invitation.token}/\n\nBien cordialement,\n", message.body)
        self.assertNotIn("Would you tell us", message.body)
        self.assertNotIn("{", message.body)

    def test_without_a_re_survey_the_template_s_place_for_it_is_left_out(self) -> None:
        case = self.resolved_case("We refunded the second charge.")
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        self.assertIn("{survey_link}", draft.body)  # the owner sees where the link would go
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop(
                actor=self.owner, case=case, subject=draft.subject, body=draft.body, resurvey=False
            )
        (message,) = mail.outbox
        self.assertIn("We refunded the second charge.\n\nKind regards,\n", message.body)
        self.assertNotIn("{", message.body)

    def test_a_japanese_customer_is_addressed_by_family_name(self) -> None:
        self.contact.language, self.contact.last_name = "ja", "Tanaka"
        self.contact.save()
        case = self.resolved_case("二重請求分を返金いたしました。")
        draft = services.closing_draft(case=case, sender=self.owner)
        assert draft is not None
        self.assertTrue(draft.body.startswith("Tanaka様\n\n"))


class MigrationTests(PersonasTestCase):
    def test_existing_organisations_get_the_missing_languages_and_keep_their_own(self) -> None:
        migration = importlib.import_module(MIGRATION)
        ClosingTemplate.objects.filter(organisation=self.org, language="fr").delete()
        ClosingTemplate.objects.filter(organisation=self.org, language="en").update(
            subject="Our answer", body="Hi {name}, {resolution} {sender}"
        )
        migration.add_closing_templates(apps, None)
        stored = {t.language: t for t in ClosingTemplate.objects.filter(organisation=self.org)}
        self.assertEqual(set(stored), set(SURVEY_LANGUAGES))
        self.assertEqual((stored["fr"].subject, stored["fr"].body), CLOSING_TEMPLATES["fr"])
        self.assertEqual(
            (stored["en"].subject, stored["en"].body),
            ("Our answer", "Hi {name}, {resolution} {sender}"),
        )
        # run again, nothing changes; other organisations have theirs too
        migration.add_closing_templates(apps, None)
        self.assertEqual(
            ClosingTemplate.objects.filter(organisation=self.org).count(), len(SURVEY_LANGUAGES)
        )
        self.assertEqual(
            ClosingTemplate.objects.filter(organisation=self.other_org).count(),
            len(SURVEY_LANGUAGES),
        )
