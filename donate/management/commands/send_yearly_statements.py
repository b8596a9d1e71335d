"""manage.py send_yearly_statements [--year YYYY]: queue each donor's statement of a year's gifts, once.

Run from cron in January (docs/deploy.md); it sends nothing twice, so running it
every day of January also reaches donors whose gifts Finance records late.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from donate.statements import FIRST_YEAR, last_year, queue_yearly_statements


class Command(BaseCommand):
    help = "Queue the yearly statement of every donor with gifts in a year (last year by default); never twice."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The calendar year; it must have ended. Default: last year.")

    def handle(self, *args, year=None, **options):
        latest = last_year()
        year = latest if year is None else year
        if year > latest:
            raise CommandError(f"{year} has not ended yet: statements are for a past year (at most {latest}).")
        if year < FIRST_YEAR:
            raise CommandError(f"{year} is before any gift this site recorded.")
        try:
            queued = queue_yearly_statements(year)
        except DatabaseError as error:
            raise CommandError(f"Statements not queued: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Queued {queued} yearly statement(s) for {year}."))
