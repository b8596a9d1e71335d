"""allauth's views that change or show a second factor, each asking for the second factor first.

Mounted at /accounts/ before allauth's own URLs, at the same paths, so these answer
instead; allauth's URL names still reverse to them.
"""

from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from allauth.mfa.webauthn import views as webauthn
from django.urls import path

from .second_factor import second_factor_required

urlpatterns = [
    path("2fa/totp/activate/", second_factor_required(totp.activate_totp)),
    path("2fa/totp/deactivate/", second_factor_required(totp.deactivate_totp)),
    path("2fa/webauthn/add/", second_factor_required(webauthn.add_webauthn)),
    path("2fa/webauthn/keys/<int:pk>/remove/", second_factor_required(webauthn.remove_webauthn)),
    path("2fa/recovery-codes/", second_factor_required(recovery_codes.view_recovery_codes)),
    path("2fa/recovery-codes/generate/", second_factor_required(recovery_codes.generate_recovery_codes)),
    path("2fa/recovery-codes/download/", second_factor_required(recovery_codes.download_recovery_codes)),
]
