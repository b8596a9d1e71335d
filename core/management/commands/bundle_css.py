from django.core.management.base import BaseCommand, CommandError

from core import css_bundle


class Command(BaseCommand):
    help = "Join static/css/components/*.css into static/css/components.css (--check: only compare)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the stylesheet is not up to date.")

    def handle(self, *args, check=False, **options):
        joined, target = css_bundle.bundle(), css_bundle.BUNDLE
        current = target.read_text() if target.exists() else ""
        if check:
            if current != joined:
                raise CommandError(f"{target.name} is out of date: run `manage.py bundle_css` and commit it")
            return
        if current != joined:
            target.write_text(joined)
        self.stdout.write(f"{target.name}: {len(joined)} bytes")
