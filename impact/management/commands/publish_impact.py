"""manage.py publish_impact: publish every closed period not yet published (safe to run from cron)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from impact.linked import CannotProtect
from impact.publishing import NothingToPublish, publish_due


class Command(BaseCommand):
    help = "Publish the impact tables of every month, quarter and year that has closed; does nothing twice."

    def handle(self, *args, **options):
        try:
            made = publish_due()
        except (NothingToPublish, CannotProtect, DatabaseError) as error:
            raise CommandError(f"Nothing more published: {error}") from None
        if made:
            periods = ", ".join(f"{publication.kind} {publication.start:%Y-%m}" for publication in made)
            self.stdout.write(self.style.SUCCESS(f"Published {len(made)} period(s): {periods}."))
        else:
            self.stdout.write("Nothing to publish: every closed period is already published.")
