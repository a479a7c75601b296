"""Proposing a mapping for a file: which column feeds which field, and on which scale its scores
are. Pure code, no database."""

from __future__ import annotations

from django.test import SimpleTestCase

from centric.feedback.feedback_imports.mapping import (
    ALIASES,
    PRESETS,
    Mapping,
    score_type_named_by,
    suggest,
)


class ScoreTypeTest(SimpleTestCase):
    def test_a_csat_column_is_proposed_as_csat_not_nps(self) -> None:
        mapping = suggest(["Date", "Email", "CSAT", "Comment"])
        self.assertEqual((mapping.columns["score"], mapping.score_type), ("CSAT", "csat"))

    def test_the_scale_is_read_from_the_words_of_the_score_columns_name(self) -> None:
        names = {
            "CSAT": "csat",
            "csat_score": "csat",
            "Satisfaction score": "csat",
            "Satisfaction rating": "csat",
            "CES": "ces",
            "Customer effort score": "ces",
            "NPS": "nps",
            "npsScore": "nps",
            "Net Promoter Score": "nps",
            "Likelihood to recommend": "nps",
            "How likely are you to recommend us?": "nps",
            "Rating": "rating",
            "Stars": "rating",
            "Star rating": "rating",
        }
        for name, score_type in names.items():
            with self.subTest(name=name):
                self.assertEqual(score_type_named_by(name), score_type)

    def test_a_name_that_does_not_say_or_names_two_scales_names_none(self) -> None:
        for name in ("Score", "Services score", "Process", "NPS or CSAT", "Effort (CSAT)"):
            with self.subTest(name=name):
                self.assertEqual(score_type_named_by(name), "")

    def test_a_score_column_whose_name_does_not_say_leaves_the_scale_to_be_chosen(self) -> None:
        columns = ["Date", "Email", "Score", "Comment"]
        mapping = suggest(columns)
        self.assertEqual((mapping.columns["score"], mapping.score_type), ("Score", ""))
        self.assertIn(
            "Choose the score type of the column “Score”", " ".join(mapping.problems(columns))
        )

    def test_a_ces_column_is_the_score(self) -> None:
        mapping = suggest(["Email", "CES"])
        self.assertEqual((mapping.columns["score"], mapping.score_type), ("CES", "ces"))

    def test_the_name_of_the_score_column_wins_over_the_presets_scale(self) -> None:
        mapping = suggest(["Response ID", "Email", "CSAT"], "survey-tool")
        self.assertEqual((mapping.columns["score"], mapping.score_type), ("CSAT", "csat"))

    def test_a_preset_gives_the_scale_when_the_name_does_not(self) -> None:
        self.assertEqual(suggest(["Response ID", "Score"], "survey-tool").score_type, "nps")
        self.assertEqual(suggest(["Date", "Rating"], "app-store").score_type, "rating")


class HeaderNameTest(SimpleTestCase):
    def test_a_german_export_is_mapped_by_its_german_names(self) -> None:
        columns = ["Kunden-Nr", "E-Mail-Adresse", "Weiterempfehlung", "Kommentar", "Datum", "Kanal"]
        mapping = suggest(columns)
        self.assertEqual(
            mapping.columns,
            {
                "account_external_id": "Kunden-Nr",
                "contact_email": "E-Mail-Adresse",
                "score": "Weiterempfehlung",
                "comment": "Kommentar",
                "responded_at": "Datum",
                "channel": "Kanal",
            },
        )
        self.assertEqual(mapping.score_type, "nps")
        self.assertEqual(suggest(["Zufriedenheit"]).score_type, "csat")
        self.assertEqual(suggest(["Bewertung"]).score_type, "rating")

    def test_email_is_recognised_however_it_is_written(self) -> None:
        for column in ("Email", "E-Mail", "e-mail", "e_mail", "E Mail", "EMAIL", "E‐mail"):
            with self.subTest(column=column):
                self.assertEqual(suggest(["NPS", column]).columns["contact_email"], column)

    def test_every_alias_matches_its_field_written_in_any_of_the_usual_ways(self) -> None:
        for target, names in ALIASES.items():
            for name in names:
                for written in (name, name.title(), name.replace(" ", "_"), name.replace(" ", "-")):
                    with self.subTest(target=target, written=written):
                        self.assertEqual(suggest([written]).columns.get(target), written)

    def test_every_presets_alias_matches_its_field(self) -> None:
        for key, preset in PRESETS.items():
            for target, names in preset.aliases.items():
                for name in names:
                    with self.subTest(preset=key, target=target, name=name):
                        written = name.title().replace(" ", "-")
                        self.assertEqual(suggest([written], key).columns.get(target), written)

    def test_a_saved_mapping_for_email_keeps_an_e_mail_column(self) -> None:
        saved = Mapping(columns={"contact_email": "Email", "score": "NPS"}, score_type="nps")
        fitted = saved.fitted_to(["E-Mail", "nps"])
        self.assertEqual(fitted.columns, {"contact_email": "E-Mail", "score": "nps"})

    def test_of_two_columns_whose_names_compare_the_same_the_first_is_taken(self) -> None:
        self.assertEqual(suggest(["Email", "E-Mail", "NPS"]).columns["contact_email"], "Email")
        saved = Mapping(columns={"contact_email": "E-Mail"})
        self.assertEqual(saved.fitted_to(["e_mail", "Email"]).columns["contact_email"], "e_mail")

    def test_names_that_differ_by_more_than_separators_do_not_match(self) -> None:
        self.assertEqual(suggest(["Emails", "NPS"]).columns, {"score": "NPS"})


class CustomerColumnTest(SimpleTestCase):
    def test_a_customer_column_of_numbers_is_the_centric_customer_number(self) -> None:
        preview = [["70", "9"], ["", "8"], ["71", "7"]]
        mapping = suggest(["Customer", "NPS"], preview=preview)
        self.assertEqual(mapping.columns.get("customer_id"), "Customer")
        self.assertEqual(mapping.attributes, [])

    def test_a_customer_column_of_names_is_kept_as_an_attribute_not_as_the_number(self) -> None:
        preview = [["Acme GmbH", "9"], ["70", "8"]]
        mapping = suggest(["Customer", "NPS"], preview=preview)
        self.assertNotIn("customer_id", mapping.columns)
        self.assertEqual(mapping.attributes, ["Customer"])
        self.assertEqual(mapping.problems(["Customer", "NPS"]), [])

    def test_a_customer_id_column_of_crm_codes_is_not_the_customer_number_either(self) -> None:
        mapping = suggest(["Customer ID", "NPS"], preview=[["CUST-0042", "9"]])
        self.assertNotIn("customer_id", mapping.columns)
