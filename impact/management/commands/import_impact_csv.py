"""manage.py import_impact_csv FILE: import monthly figures; nothing is saved if any row is bad."""

from django.core.management.base import BaseCommand, CommandError

from impact.importer import ImportFailed, import_csv


class Command(BaseCommand):
    help = "Import monthly impact figures from a CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a UTF-8 CSV file.")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8-sig") as handle:
                text = handle.read()
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        try:
            rows, changed = import_csv(text)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(
                f"Nothing imported: {len(failure.errors)} bad row(s), the first being {failure.errors[0]}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {rows} row(s); {changed} month(s) new or corrected."))
