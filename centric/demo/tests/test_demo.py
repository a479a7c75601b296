import itertools
from io import StringIO

from django.core.management import call_command
from django.db.models import Count, F, Q
from django.test import TestCase
from django.urls import reverse

from centric.core import clock
from centric.core.models import Organisation
from centric.customers.models import Account, Contact, Customer, Segment
from centric.demo.feedback import comment_remarks
from centric.demo.findings import FINDINGS
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD, STAFF_TITLES
from centric.feedback.models import Response, Survey
from centric.people.models import BusinessUnit, Team, User


class DemoOrganisationTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process

    def test_it_is_the_size_the_brief_asks_for(self) -> None:
        self.assertEqual(BusinessUnit.objects.count(), 2)
        self.assertEqual(Team.objects.count(), 8)
        self.assertEqual(User.objects.count(), 40)
        self.assertEqual(Account.objects.count(), 120)
        self.assertEqual(Segment.objects.count(), 4)
        self.assertAlmostEqual(Contact.objects.count(), 300, delta=10)

    def test_contacts_span_languages_and_time_zones(self) -> None:
        self.assertGreaterEqual(Contact.objects.values("language").distinct().count(), 6)
        self.assertGreaterEqual(Contact.objects.values("time_zone").distinct().count(), 10)

    def test_teams_serve_one_another_and_every_customer_is_one_kind_or_the_other(self) -> None:
        self.assertGreater(Team.serves.through.objects.count(), 10)
        kinds = dict(Customer.objects.values_list("kind").annotate(count=Count("id")))
        self.assertEqual(kinds, {"external": 120, "internal": 8})

    def test_every_account_has_an_owner_in_the_team_that_serves_it(self) -> None:
        for account in Account.objects.select_related("owner", "team"):
            assert account.team is not None
            self.assertIn(account.owner, account.team.members.all())

    def test_a_year_of_feedback_comes_through_every_channel(self) -> None:
        from centric.feedback.models import Response

        self.assertGreater(Response.objects.count(), 800)
        kinds = set(Response.objects.values_list("kind", "score_type").distinct())
        self.assertLessEqual(
            {
                ("survey", "nps"),
                ("survey", "csat"),
                ("survey", "ces"),
                ("review", "rating"),
                ("ticket", ""),
            },
            kinds,
        )
        self.assertTrue(
            Response.objects.filter(person__isnull=False, customer__kind="internal").exists()
        )
        for language in ("de", "fr", "es", "nl"):  # contacts answer in their language
            self.assertTrue(
                Response.objects.filter(language=language).exclude(comment="").exists(), language
            )
        oldest = Response.objects.order_by("responded_at").first()
        assert oldest is not None
        assert oldest.responded_at is not None
        newest = Response.objects.latest("responded_at").responded_at
        assert newest is not None
        self.assertGreater((newest - oldest.responded_at).days, 300)

    def test_survey_answers_by_email_came_through_invitations_sent_before_them(self) -> None:
        answers = Response.objects.filter(survey__isnull=False)
        self.assertFalse(answers.filter(channel="email", invitation__isnull=True).exists())
        self.assertFalse(answers.filter(invitation__sent_at__gte=F("submitted_at")).exists())
        self.assertTrue(answers.filter(channel="link").exists())  # answered again, by the link
        for survey in Survey.objects.annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations__response", distinct=True),
        ):
            with self.subTest(survey=survey.name):
                self.assertGreater(survey.answered, 0)
                self.assertLess(survey.answered, 0.8 * survey.invited)  # not everyone answers

    def test_open_link_answers_name_nobody_and_came_by_a_link_the_survey_has(self) -> None:
        by_link = Response.objects.filter(survey__isnull=False, channel="link")
        self.assertTrue(by_link.exists())
        named = Q(customer__isnull=False) | Q(contact__isnull=False) | Q(person__isnull=False)
        self.assertFalse(by_link.filter(named).exists())  # the open link is anonymous
        self.assertFalse(by_link.filter(survey__open_link=False).exists())
        # every named answer came by its respondent's invitation
        answers = Response.objects.filter(survey__isnull=False)
        self.assertFalse(answers.filter(named, invitation__isnull=True).exists())

    def test_the_customer_centricity_survey_asked_the_accounts_again_after_half_a_year(
        self,
    ) -> None:
        from centric.feedback.selectors import survey_waves

        survey = Survey.objects.get(name="How we work with you 2026")
        waves = survey_waves(actor=User.objects.get(email=DEMO_EMAIL), survey=survey)
        self.assertEqual([wave.number for wave in waves], [1, 2])
        for wave in waves:
            with self.subTest(wave=wave.number):
                self.assertGreaterEqual(wave.answered, 30)
        self.assertFalse(survey.responses.filter(channel="link").exists())

    def test_every_submitted_survey_answer_has_its_score_among_its_answers(self) -> None:
        scored = Response.objects.filter(
            survey__isnull=False, submitted_at__isnull=False, score__isnull=False
        )
        self.assertTrue(scored.filter(invitation__follow_up=True).exists())  # the re-surveys
        without = scored.exclude(
            answers__question__kind=F("score_type"), answers__number=F("score")
        )
        self.assertFalse(without.exists(), list(without.values_list("pk", "channel")[:5]))

    def test_every_response_was_started_before_it_was_sent_not_when_the_demo_loaded(self) -> None:
        responses = Response.objects.all()
        self.assertFalse(responses.filter(created_at__gt=F("submitted_at")).exists())
        self.assertFalse(responses.filter(created_at__gt=F("responded_at")).exists())

    def test_the_comments_carry_every_kind_of_care_signal(self) -> None:
        from centric.insights.models import ResponseAnalysis

        kinds = {
            signal["kind"]
            for signals in ResponseAnalysis.objects.values_list("care_signals", flat=True)
            for signal in signals
        }
        self.assertLessEqual(
            {"risk", "fear", "desire", "wish", "constraint", "hope", "opportunity"}, kinds
        )

    def test_the_relationship_survey_asked_the_accounts_again_each_quarter(self) -> None:
        from centric.feedback.selectors import survey_waves

        survey = Survey.objects.get(name="Relationship NPS 2026")
        waves = survey_waves(actor=User.objects.get(email=DEMO_EMAIL), survey=survey)
        self.assertEqual([wave.number for wave in waves], [1, 2, 3, 4])
        for wave in waves:
            with self.subTest(wave=wave.number):
                self.assertGreaterEqual(wave.answered, 30)  # enough to compare waves
                self.assertLess(wave.answered, 0.8 * wave.invited)
        for earlier, later in itertools.pairwise(waves):
            assert earlier.last_sent is not None
            assert later.first_sent is not None
            self.assertLess(earlier.last_sent, later.first_sent)
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "This survey is in wave 4")
        self.assertContains(page, "Start wave 5")

    def test_the_printed_login_works_and_loading_again_changes_nothing(self) -> None:
        self.assertTrue(self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD))
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(Organisation.objects.count(), 1)
        self.assertEqual(Account.objects.count(), 120)

    def test_the_home_page_shows_the_organisation_at_a_glance(self) -> None:
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        response = self.client.get("/")
        self.assertContains(response, "Northwind Components at a glance")
        self.assertContains(response, "Public sector")

    def test_the_demo_login_follows_urgent_cases_and_has_unread_notifications(self) -> None:
        from centric.cases.models import Case, Notification

        followed = Case.objects.filter(watchers__email=DEMO_EMAIL)
        self.assertTrue(followed.exists())
        self.assertEqual(set(followed.values_list("priority", flat=True)), {"urgent"})
        unread = Notification.objects.filter(recipient__email=DEMO_EMAIL, read_at__isnull=True)
        self.assertEqual(unread.count(), followed.count())
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        self.assertContains(
            self.client.get("/"), f'<span class="count">{unread.count()}<span', count=2
        )

    def test_the_rules_opened_cases_in_every_state_from_recent_feedback(self) -> None:
        from centric.cases.models import Case, Rule

        self.assertGreaterEqual(Rule.objects.filter(active=True).count(), 5)
        states = set(Case.objects.values_list("state", flat=True))
        self.assertEqual(states, {"new", "contacted", "in_progress", "resolved", "closed"})
        self.assertTrue(Case.objects.filter(customer__kind="internal").exists())
        self.assertTrue(Case.objects.filter(owner__isnull=True, state="new").exists())
        now = clock.now()
        breaching = Case.objects.filter(
            state="new", first_contacted_at__isnull=True, first_contact_due__lt=now
        )
        self.assertTrue(breaching.exists())
        for case in Case.objects.select_related("response"):
            assert case.response is not None
            assert case.response.responded_at is not None
            self.assertLessEqual(case.response.responded_at, case.opened_at)
            self.assertLessEqual(case.opened_at, now)

    def test_a_worked_case_has_an_owner_and_nobody_anonymous_was_contacted(self) -> None:
        from centric.cases.models import Case, CaseEvent

        worked = Case.objects.exclude(state="new")
        self.assertFalse(worked.filter(owner__isnull=True).exists())
        anonymous = worked.filter(response__contact__isnull=True, response__person__isnull=True)
        self.assertTrue(anonymous.exists())  # the open link's detractors are worked too
        said = CaseEvent.objects.filter(
            case__in=anonymous, kind__in=[CaseEvent.Kind.CONTACT, CaseEvent.Kind.MESSAGE]
        )
        self.assertFalse(said.exists())
        self.assertFalse(anonymous.filter(first_contacted_at__isnull=False).exists())
        taken = CaseEvent.objects.filter(case__in=anonymous, kind=CaseEvent.Kind.ASSIGNED)
        self.assertTrue(taken.exists())

    def test_the_measures_and_root_causes_have_something_to_show(self) -> None:
        from centric.cases.measures import MIN_N, case_measures, root_cause_report

        ada = User.objects.get(email=DEMO_EMAIL)
        total = case_measures(actor=ada, days=90).total
        self.assertGreaterEqual(total.contacted_in_sla.n, MIN_N)
        self.assertGreater(total.first_contact.n, 0)
        self.assertGreater(total.to_close.n, 0)
        self.assertGreater(total.recovered.n, 0)
        self.assertGreater(total.recovered.hits, 0)
        report = root_cause_report(actor=ada, days=90)
        self.assertGreaterEqual(len(report.rows), 3)
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        for name in ("cases:inbox", "cases:measures", "cases:root_causes"):
            with self.subTest(page=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 200)

    def test_the_insights_find_the_billing_incident_in_the_default_and_the_yearly_view(
        self,
    ) -> None:
        from centric.insights.selectors import insights_overview

        ada = User.objects.get(email=DEMO_EMAIL)
        for days in (90, 365):
            with self.subTest(days=days):
                overview = insights_overview(actor=ada, days=days)
                spiked = {s.theme for week in overview.spike_weeks for s in week.spikes}
                self.assertIn("billing", spiked)
                fell = {shift.theme for shift in overview.shifts if shift.mean < shift.baseline}
                self.assertIn("billing", fell)
                # the weeks after it are judged against the usual weeks, not the incident's
                rose = {shift.theme for shift in overview.shifts if shift.mean > shift.baseline}
                self.assertNotIn("billing", rose)
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        page = self.client.get(reverse("insights:overview"))
        # the theme table leads to the theme's comments, the spike and the shift to their week's
        self.assertContains(page, 'href="/insights/comments/?theme=billing&amp;days=90"', count=1)
        overview = insights_overview(actor=ada, days=90)
        spike = next(
            spike
            for week in overview.spike_weeks
            for spike in week.spikes
            if spike.theme == "billing"
        )
        shift = next(s for s in overview.shifts if s.theme == "billing" and s.mean < s.baseline)
        for week in {spike.week, shift.week}:
            self.assertContains(
                page, f'href="/insights/comments/?theme=billing&amp;week={week:%Y-%m-%d}&amp;'
            )

    def test_the_customer_centricity_index_has_answers_enough_in_the_default_view(self) -> None:
        from centric.insights.selectors import insights_overview

        ada = User.objects.get(email=DEMO_EMAIL)
        index = insights_overview(actor=ada, days=90).scores[-1]
        self.assertEqual(index.label, "Customer-centricity index")
        self.assertTrue(index.current.reliable, index.current.reason)
        assert index.current.value is not None
        self.assertTrue(30 < index.current.value < 80)

    def test_team_leads_are_heads_of_their_team_not_of_a_job_title(self) -> None:
        for team in Team.objects.select_related("lead"):
            assert team.lead is not None
            self.assertEqual(team.lead.job_title, f"Head of {team.name}")
        # not a team's lead title joined to its staff's: "Head of Customer Success Manager"
        heads = User.objects.filter(job_title__startswith="Head of")
        self.assertEqual(heads.count(), Team.objects.count())
        staff = [f"Head of {title}" for title in STAFF_TITLES.values()]
        self.assertFalse(heads.filter(job_title__in=staff).exists())
        self.assertFalse(heads.filter(job_title__endswith="Manager").exists())

    def test_every_comment_agrees_with_its_score(self) -> None:
        # a complaint at this score or below, praise at this one or above; one of each between
        complaint_at_most = {"nps": 6, "csat": 2, "ces": 3, "rating": 2}
        praise_from = {"nps": 9, "csat": 4, "ces": 5, "rating": 4}
        scored = Response.objects.exclude(comment="").filter(score__isnull=False)
        self.assertGreater(scored.count(), 500)
        for score_type, score, comment in scored.values_list("score_type", "score", "comment"):
            kinds = {remark.kind for remark in comment_remarks(comment)}
            self.assertTrue(kinds, comment)  # every comment the demo wrote says something known
            if kinds == {"suggestion"}:  # what an account would change first, at any score
                continue
            assert score is not None
            if score <= complaint_at_most[score_type]:
                expected = {"complaint"}
            elif score >= praise_from[score_type]:
                expected = {"praise"}
            else:
                expected = {"complaint", "praise"}
            with self.subTest(score_type=score_type, score=score, comment=comment):
                self.assertEqual(kinds, expected)

    def test_no_case_was_opened_from_praise_alone(self) -> None:
        from centric.cases.models import Case

        for case in Case.objects.exclude(comment=""):
            with self.subTest(comment=case.comment):
                kinds = {remark.kind for remark in comment_remarks(case.comment)}
                self.assertNotEqual(kinds, {"praise"})

    def test_each_case_s_root_cause_and_resolution_follow_from_what_its_comment_is_about(
        self,
    ) -> None:
        from centric.cases.models import Case

        resolved = Case.objects.filter(root_cause__isnull=False).select_related("root_cause")
        self.assertGreater(resolved.count(), 50)
        for case in resolved:
            assert case.root_cause is not None
            remarks = comment_remarks(case.comment)
            complaints = {r.topic for r in remarks if r.kind != "praise"} & FINDINGS.keys()
            # without a comment, what the conversation with the customer turned up
            topics = complaints or ({"no complaint"} if remarks else FINDINGS.keys())
            findings = {(FINDINGS[t][0], text) for t in topics for text in FINDINGS[t][1]}
            with self.subTest(comment=case.comment):
                self.assertIn((case.root_cause.name, case.resolution), findings)

    def test_the_root_causes_are_told_in_more_than_one_way(self) -> None:
        from centric.cases.models import Case

        resolved = Case.objects.filter(root_cause__isnull=False)
        causes = resolved.values("root_cause__name").annotate(
            cases=Count("id"), resolutions=Count("resolution", distinct=True)
        )
        self.assertGreaterEqual(len(causes), 6)
        for cause in causes:
            if cause["cases"] >= 5:
                with self.subTest(cause=cause["root_cause__name"]):
                    self.assertGreaterEqual(cause["resolutions"], 2)

    def test_reset_deletes_the_demo_organisation_and_loads_it_again(self) -> None:
        call_command("load_demo", "--reset", stdout=StringIO())
        self.assertEqual(Organisation.objects.count(), 1)
        self.assertTrue(User.objects.filter(email=DEMO_EMAIL).exists())
