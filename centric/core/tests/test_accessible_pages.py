"""What a screen reader and a keyboard meet on the shared templates: a group of choices described
by its help and its errors, a form's mistakes summarised where the page opens (with "Error: " in
its title), a message that takes the focus as the page opens, and list pages whose filters listen
to their own controls alone, with one live region that says how many results match."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.urls import reverse

from tests.personas import PersonasTestCase

HTMX = {"HX-Request": "true", "HX-Target": "results"}


class Preferences(forms.Form):
    tone = forms.ChoiceField(
        choices=[("warm", "Warm"), ("plain", "Plain")],
        widget=forms.RadioSelect,
        help_text="How the mail reads.",
    )
    accounts = forms.MultipleChoiceField(
        choices=[("1", "Acme"), ("2", "Globex")], widget=forms.CheckboxSelectMultiple
    )
    name = forms.CharField()
    plain = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect, required=False)


class ChoiceGroupTest(SimpleTestCase):
    def fieldset(self, form: forms.Form, name: str) -> str:
        html = render_to_string("_field.html", {"field": form[name]})
        return html.split("<fieldset")[1].split(">")[0]

    def test_a_group_of_choices_is_described_by_its_help_and_its_errors(self) -> None:
        form = Preferences({})
        form.is_valid()
        self.assertIn(
            'aria-describedby="id_tone_helptext id_tone_error"', self.fieldset(form, "tone")
        )
        self.assertIn('aria-describedby="id_accounts_error"', self.fieldset(form, "accounts"))
        self.assertIn('aria-describedby="id_tone_helptext"', self.fieldset(Preferences(), "tone"))

    def test_a_group_with_neither_is_described_by_nothing(self) -> None:
        self.assertNotIn("aria-describedby", self.fieldset(Preferences(), "plain"))


class ErrorSummaryTest(SimpleTestCase):
    def test_each_mistake_links_to_its_field_and_a_group_to_its_first_choice(self) -> None:
        form = Preferences({"name": ""})
        form.is_valid()
        form.add_error(None, "The survey is closed.")
        html = render_to_string("_error_summary.html", {"form": form, "heading": "Not saved"})

        self.assertInHTML('<h2 id="error-summary-h">Not saved</h2>', html)
        self.assertIn('tabindex="-1" autofocus', html)
        self.assertInHTML("<li>The survey is closed.</li>", html)
        self.assertInHTML('<a href="#id_name">Name: This field is required.</a>', html)
        self.assertInHTML('<a href="#id_tone_0">Tone: This field is required.</a>', html)
        self.assertInHTML('<a href="#id_accounts_0">Accounts: This field is required.</a>', html)

    def test_a_form_without_mistakes_has_none(self) -> None:
        self.assertNotIn(
            "error-summary", render_to_string("_error_summary.html", {"form": Preferences()})
        )


class MistakesPageTest(PersonasTestCase):
    def test_a_failed_sign_in_is_said_first_and_in_the_title(self) -> None:
        page = self.client.post(
            reverse("login"), {"username": self.owner.email, "password": "not the password"}
        )
        html = page.content.decode()
        self.assertIn("<title>Error: Sign in · Centric</title>", html)
        # the summary comes before the email field, whose own autofocus therefore yields to it
        self.assertLess(html.index('class="error-summary"'), html.index('name="username"'))
        self.assertInHTML('<h2 id="error-summary-h">You are not signed in</h2>', html)

    def test_a_form_page_sent_back_says_error_in_its_title_and_summarises_the_mistakes(
        self,
    ) -> None:
        self.login(self.admin)
        page = self.client.post(reverse("customers:account_create"), {"name": ""})
        html = page.content.decode()
        self.assertIn("<title>Error: ", html)
        self.assertInHTML('<a href="#id_name">Name: This field is required.</a>', html)
        self.assertNotContains(self.client.get(reverse("customers:account_create")), "Error: ")

    def test_what_the_last_action_did_takes_the_focus_as_the_page_opens(self) -> None:
        self.login(self.admin)
        page = self.client.post(
            reverse("customers:account_create"),
            {"name": "Initech", "lifecycle_stage": "active", "tier": "core"},
            follow=True,
        )
        html = page.content.decode()
        status = html.split('<div role="status"')[1].split("</div>")[0]
        self.assertIn('tabindex="-1" autofocus', status)
        self.assertIn("Initech", status)


class ListPagesTest(PersonasTestCase):
    """Every page whose results htmx replaces as its filters change."""

    PAGES = (
        "cases:inbox",
        "cases:measures",
        "cases:root_causes",
        "customers:customer_list",
        "customers:account_list",
        "customers:contact_list",
        "people:person_list",
        "people:team_list",
        "audit_log",
        "insights:overview",
        "insights:comments",
    )
    # their results' templates say their count in a headline or a table the page reads it from
    COUNTED_IN_THE_PAGE = ("cases:measures", "cases:root_causes")

    def test_the_filters_listen_to_their_own_controls_only(self) -> None:
        # "from:select" would listen to every select on the page, the inbox's "hand the ticked
        # cases to" too, and draw the results (and their ticks) anew when one is chosen
        self.login(self.admin)
        for name in self.PAGES:
            with self.subTest(page=name):
                page = self.client.get(reverse(name))
                self.assertContains(page, "change target:select")
                self.assertNotContains(page, "from:select")
                self.assertNotContains(page, "from:input")

    def test_a_status_says_how_many_match_rather_than_the_results_read_out(self) -> None:
        self.login(self.admin)
        for name in self.PAGES:
            with self.subTest(page=name):
                html = self.client.get(reverse(name)).content.decode()
                self.assertNotIn("aria-live", html)
                self.assertEqual(html.count('role="status"'), 1)
                status = html.split('role="status"')[1].split("</p>")[0]
                self.assertIn('<span id="results-count">', status)
                if name in self.COUNTED_IN_THE_PAGE:
                    continue
                fragment = self.client.get(reverse(name), headers=HTMX).content.decode()
                self.assertIn('<span id="results-count" hx-swap-oob="innerHTML">', fragment)
                self.assertNotIn('role="status"', fragment.split("results-count")[1])

    def test_the_count_is_of_the_results_matched(self) -> None:
        self.login(self.admin)
        fragment = self.client.get(
            reverse("customers:account_list"), {"q": "Acme"}, headers=HTMX
        ).content.decode()
        self.assertIn('<span id="results-count" hx-swap-oob="innerHTML">1</span>', fragment)
