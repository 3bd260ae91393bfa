"""The changes feed (``/api/v1/changes/``): every create, update and delete of curated records
since a time or a cursor, for clients that keep a copy in sync (docs/SYNC.md)."""

from __future__ import annotations

import base64
import binascii
import datetime
import json

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from astana_site.api.errors import Unprocessable
from astana_site.api.renderers import JSONRenderer
from astana_site.api.views import StrictQueryMixin
from rounds import selectors
from rounds.api import serializers as s


def encode_cursor(position: selectors.ChangePosition) -> str:
    raw = json.dumps([position.time.isoformat(), position.type, position.history_id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> selectors.ChangePosition:
    """The position ``encode_cursor`` made ``token`` from; anything else is a 422."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        parts = json.loads(raw)
        if not isinstance(parts, list) or len(parts) != 3:
            raise ValueError
        time, type_name, history_id = parts
        if not isinstance(type_name, str) or type(history_id) is not int:  # not a bool
            raise ValueError
        position = selectors.ChangePosition(
            datetime.datetime.fromisoformat(time), type_name, history_id
        )
        if timezone.is_naive(position.time) or not position.is_issuable():
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Unprocessable({"cursor": [gettext("Not a cursor this feed returned.")]}) from None
    return position


class ChangesQuerySerializer(serializers.Serializer):
    since = serializers.DateTimeField(
        required=False,
        help_text="ISO 8601 date-time (UTC if no offset): changes at or after it. "
        "Omit (and omit `cursor`) to read the whole history.",
    )
    cursor = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Resume after the last change you saw: the `cursor` of a previous response. "
        "Takes precedence over `since`.",
    )
    type = serializers.MultipleChoiceField(
        choices=sorted(selectors.CHANGE_FEED_TYPES),
        required=False,
        help_text="Only these record types; repeat for several.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=500, default=100, help_text="1 to 500."
    )


class ChangeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=sorted(selectors.CHANGE_FEED_TYPES))
    id = serializers.IntegerField(help_text="The record's database id (stable).")
    key = serializers.JSONField(
        help_text="The record's public key at that time: round number, slug or pcode; its id "
        "for citations, delegations and zone status changes.",
    )
    action = serializers.ChoiceField(choices=["created", "updated", "deleted"])
    time = serializers.DateTimeField()
    user = serializers.CharField(
        allow_null=True,
        help_text="User name of who made the change; shown to staff only, null otherwise "
        "and for changes made by the reference loader.",
    )
    reason = serializers.CharField(allow_null=True)
    url = serializers.URLField(
        allow_null=True,
        help_text="Where to fetch the record now (its parent round or zone for delegations "
        "and zone status changes, null once that is deleted); null for deletions and "
        "governorates.",
    )
    history_id = serializers.IntegerField(help_text="Id of the history entry, per type.")


@extend_schema_serializer(many=False)
class ChangePageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next = serializers.URLField(
        allow_null=True, help_text="The next page, when more changes are waiting now."
    )
    cursor = serializers.CharField(
        help_text="Where to resume later: pass it as `cursor` on your next sync."
    )


class ChangesViewSet(StrictQueryMixin, viewsets.ViewSet):
    """Created, updated and deleted records of every curated type, oldest first."""

    renderer_classes = [JSONRenderer]
    extra_error_codes = [422]
    multi_valued_params = frozenset({"type"})
    # Reading history needs no model permission; DjangoModelPermissions needs a queryset.
    permission_classes = []

    @extend_schema(
        summary="Changes feed",
        description=(
            "Every create, update and delete of curated records since a time, from their "
            "history, in one stable order (time, then type, then history id). Page through "
            "with `next`; store `cursor` and pass it next time to get only what changed since. "
            "See docs/SYNC.md."
        ),
        parameters=[ChangesQuerySerializer],
        responses={200: ChangePageSerializer},
        examples=[
            OpenApiExample(
                "A page",
                response_only=True,
                value={
                    "results": [
                        {
                            "type": "round",
                            "id": 8,
                            "key": 8,
                            "action": "updated",
                            "time": "2025-03-01T10:00:00.123456Z",
                            "user": None,
                            "reason": "Dates per MFA statement",
                            "url": "https://tracker.example/api/v1/rounds/8/",
                            "history_id": 131,
                        }
                    ],
                    "next": None,
                    "cursor": "WyIyMDI1LTAzLTAxVDEwOjAwOjAwLjEyMzQ1NiswMDowMCIsICJyb3VuZCIsIDEzMV0",
                },
            )
        ],
    )
    def list(self, request):
        for name in ("since", "cursor", "page_size"):
            if request.query_params.get(name) == "":
                raise ValidationError({name: [gettext("May not be empty; leave it out instead.")]})
        query = ChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        if params.get("cursor"):
            after = decode_cursor(params["cursor"])
        elif params.get("since"):
            after = selectors.ChangePosition(params["since"])
        else:
            after = selectors.ChangePosition(datetime.datetime.min.replace(tzinfo=datetime.UTC))
        changes, more = selectors.change_feed(
            after=after, types=sorted(params.get("type") or []) or None, limit=params["page_size"]
        )
        show_user = request.user.is_authenticated and request.user.is_staff
        results = [self._entry(request, c, show_user) for c in changes]
        cursor = encode_cursor(changes[-1].position if changes else after)
        next_url = None
        if more:
            query_params = request.query_params.copy()
            query_params["cursor"] = cursor
            query_params.pop("since", None)
            next_url = request.build_absolute_uri(
                f"{reverse('api:change-list')}?{query_params.urlencode()}"
            )
        return Response({"results": results, "next": next_url, "cursor": cursor})

    @staticmethod
    def _entry(request, change: selectors.Change, show_user: bool) -> dict:
        if change.parent is not None:
            url = s.api_url(request, *change.parent)
        elif change.action == "deleted":
            url = None
        else:
            url = s.api_url(request, change.type, change.key)
        return {
            "type": change.type,
            "id": change.id,
            "key": change.key,
            "action": change.action,
            "time": change.position.time.isoformat().replace("+00:00", "Z"),
            "user": change.user if show_user else None,
            "reason": change.reason,
            "url": url,
            "history_id": change.position.history_id,
        }
