"""Days at the very ends of the calendar cannot be a period: the day after 31 December 9999 and
as long a stretch before a period starting in the year 100 do not exist. Every caller gets a
``PeriodError`` naming the parameter at fault, never an OverflowError."""

import datetime as dt

from django.http import QueryDict
from django.test import SimpleTestCase, override_settings

from centric.core.periods import PeriodError, Window, chosen_window, window_between


class CalendarEndsTest(SimpleTestCase):
    def test_a_period_ending_on_the_last_day_of_the_calendar_is_refused_naming_the_end(
        self,
    ) -> None:
        with self.assertRaises(PeriodError) as refused:
            Window.between(dt.date(2026, 1, 1), dt.date(9999, 12, 31))
        self.assertEqual(refused.exception.parameter, "end")
        with self.assertRaises(PeriodError) as refused:
            window_between(dt.date(2026, 1, 1), dt.date(9999, 12, 31))
        self.assertEqual(refused.exception.parameter, "end")

    def test_a_period_with_no_stretch_as_long_before_it_is_refused_naming_the_start(
        self,
    ) -> None:
        window = Window.between(dt.date(100, 1, 1), dt.date(2026, 1, 1))
        with self.assertRaises(PeriodError) as refused:
            window.previous  # noqa: B018
        self.assertEqual(refused.exception.parameter, "start")
        with self.assertRaises(PeriodError) as refused:
            window_between(dt.date(100, 1, 1), None)
        self.assertEqual(refused.exception.parameter, "start")
        self.assertIn("too early", refused.exception.message)

    @override_settings(TIME_ZONE="Asia/Tokyo")
    def test_the_first_day_of_the_calendar_east_of_greenwich_is_refused(self) -> None:
        with self.assertRaises(PeriodError) as refused:
            Window.between(dt.date(1, 1, 1), dt.date(1, 1, 2))
        self.assertEqual(refused.exception.parameter, "start")

    def test_the_pages_say_what_is_wrong(self) -> None:
        window, problem = chosen_window(QueryDict("days=dates&from=0100-01-01"))
        self.assertIsNone(window)
        self.assertIn("too early", problem)

    def test_ordinary_periods_are_unchanged(self) -> None:
        window = window_between(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
        assert window is not None
        self.assertEqual((window.length, window.previous.length), (92, 92))
