"""Who may do what: anyone reads curated data, writes need the model permission the Analysts
group carries; the analysts' own data (sources, suggestions) needs ``view`` to be read."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadAnyWriteWithModelPermission(DjangoModelPermissions):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class ViewRequiredModelPermissions(DjangoModelPermissions):
    """Model permissions that also guard reads (``view``): for the analysts' own data."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }
