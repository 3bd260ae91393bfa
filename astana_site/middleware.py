"""A strict Content-Security-Policy: only our own scripts, styles and images.

Pages embed data with ``json_script`` and render it from static files, so no inline script or
CDN is needed. The admin and the API docs keep Django's and the sidecar's own needs.
"""

from django.conf import settings

STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI and ReDoc inject inline styles and use blob: workers.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.docs_prefix = "/api/v1/docs"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response or getattr(settings, "CSP_DISABLED", False):
            return response
        if request.path.startswith(self.docs_prefix) or request.path.startswith("/admin/"):
            response["Content-Security-Policy"] = DOCS_POLICY
        else:
            response["Content-Security-Policy"] = STRICT_POLICY
        return response
