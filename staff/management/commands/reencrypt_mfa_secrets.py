"""Encrypt every stored TOTP secret and recovery-code seed again with the current MFA_ENCRYPTION_KEY."""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# The encrypted field of each kind of authenticator; security keys hold only public data.
ENCRYPTED = {Authenticator.Type.TOTP: "secret", Authenticator.Type.RECOVERY_CODES: "seed"}


class Command(BaseCommand):
    help = (
        "After rotating MFA_ENCRYPTION_KEY (the old key moved to MFA_ENCRYPTION_KEY_FALLBACKS): "
        "encrypt every TOTP secret and recovery-code seed with the new key. All or nothing."
    )

    def handle(self, **options):
        adapter = get_adapter()
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(type__in=ENCRYPTED):
                field = ENCRYPTED[authenticator.type]
                try:
                    plain = adapter.decrypt(authenticator.data[field])
                except ImproperlyConfigured as error:
                    raise CommandError(
                        f"authenticator {authenticator.pk} (user {authenticator.user_id}) cannot be decrypted "
                        "with MFA_ENCRYPTION_KEY or its fallbacks; nothing was changed"
                    ) from error
                authenticator.data[field] = adapter.encrypt(plain)
                authenticator.save(update_fields=["data"])
                count += 1
        self.stdout.write(f"{count} MFA secrets encrypted with the current MFA_ENCRYPTION_KEY.")
