"""Anyone reads; writes need the model permission the Analysts group carries."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadAnyWriteWithModelPermission(DjangoModelPermissions):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)
