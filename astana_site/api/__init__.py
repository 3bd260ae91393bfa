"""What every app's API shares (NetBox's ``netbox/api/``): strict JSON fields, content
negotiation, the CSV format, throttles, pagination, permissions, the one error shape and the
OpenAPI schema class. Imports no app, so ``ingest``, ``rounds`` and ``review`` can all build on it;
the defaults are named once in ``REST_FRAMEWORK`` (settings)."""
