"""The Content-Security-Policy (django-csp): the strict policy of ``CONTENT_SECURITY_POLICY``
everywhere, relaxed only where third-party pages need it.

Pages embed data with ``json_script`` and render it from static files, so no inline script or
CDN is needed. The admin and the API docs keep Django's and the sidecar's own needs.
"""

from csp.middleware import CSPMiddleware, PolicyParts

# Swagger UI and ReDoc inject inline styles and use blob: workers; the admin's forms and
# widgets use inline styles too.
RELAXED_PREFIXES = ("/api/v1/docs", "/admin/")
RELAXED_DIRECTIVES = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "style-src-attr": None,
    "font-src": ["'self'", "data:"],
    "worker-src": ["'self'", "blob:"],
    "form-action": None,
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(RELAXED_PREFIXES):
            parts.replace = {**RELAXED_DIRECTIVES, **(parts.replace or {})}
        return parts
