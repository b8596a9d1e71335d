"""Security headers that Django does not set on its own, and the admin's looser CSP."""

from django.conf import settings

ADMIN_PREFIX = "/admin/"


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; the admin's own CSP and framing rule.

    Public pages get settings.SECURE_CSP (strict, no 'unsafe-inline'). Wagtail 8's
    admin still writes inline scripts and sets inline styles from JavaScript, so
    /admin/ gets settings.SECURE_CSP_ADMIN instead, and may frame itself (page
    previews are shown in an iframe). tests/test_security_headers.py fails once
    Wagtail stops needing this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.path.startswith(ADMIN_PREFIX):
            # Page previews are rendered through the whole middleware stack for the
            # page's own URL, so they come back with the public policy already set:
            # drop it, or the preview could not be framed by the editor.
            del response.headers["Content-Security-Policy"]
            response._csp_config = settings.SECURE_CSP_ADMIN
            response["X-Frame-Options"] = "SAMEORIGIN"
        elif not getattr(response, "xframe_options_exempt", False):
            # Also on answers made outside XFrameOptionsMiddleware (LocaleMiddleware's redirects).
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
