"""``manage.py analyse_feedback [--organisation SLUG]``: read every comment not read yet, here."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from centric.core.models import Organisation
from centric.insights.services import unanalysed_responses_analyse


class Command(BaseCommand):
    help = "Analyse every response with a comment that has not been analysed yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", metavar="SLUG", help="only this organisation")

    def handle(self, *args: Any, organisation: str | None = None, **options: Any) -> None:
        organisation_id = None
        if organisation:
            found = Organisation.objects.filter(slug=organisation).first()
            if found is None:
                raise CommandError(f"There is no organisation “{organisation}”.")
            organisation_id = found.pk
        count = unanalysed_responses_analyse(organisation_id=organisation_id)
        self.stdout.write(f"Analysed {count:,} response{'' if count == 1 else 's'}.")
