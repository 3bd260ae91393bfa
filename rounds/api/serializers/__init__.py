"""Representations of the curated records, one module per resource. Serializers parse and
present; writes happen in ``rounds.services`` (called from the views), never in ``save()`` here.

Related records are addressed by their stable public keys: rounds by ``number``, participants,
events, statements, zones and places by ``slug``, governorates by OCHA ``pcode``. The strict
JSON field types live in ``astana_site.api.fields``.
"""

from rounds.api.serializers.attendance import (
    AttendanceSerializer,
)
from rounds.api.serializers.base import (
    CITATIONS_PER_RECORD,
    RESOURCE_OF_TYPE,
    AliasSerializer,
    CitationInlineSerializer,
    CoordinatesField,
    CuratedSerializer,
    GeometrySerializer,
    api_url,
)
from rounds.api.serializers.citations import (
    CitationSerializer,
)
from rounds.api.serializers.events import (
    EventSerializer,
)
from rounds.api.serializers.participants import (
    ParticipantRefSerializer,
    ParticipantSerializer,
)
from rounds.api.serializers.places import (
    PlaceSerializer,
)
from rounds.api.serializers.rounds import (
    DelegationSerializer,
    DocumentRefSerializer,
    EventRefSerializer,
    NextMeetingSerializer,
    RoundSerializer,
)
from rounds.api.serializers.statements import (
    StatementComparisonSerializer,
    StatementSerializer,
)
from rounds.api.serializers.zones import (
    ZoneSerializer,
    ZoneStatusChangeSerializer,
)

__all__ = [
    "AliasSerializer",
    "CITATIONS_PER_RECORD",
    "AttendanceSerializer",
    "CitationInlineSerializer",
    "CitationSerializer",
    "CoordinatesField",
    "CuratedSerializer",
    "DelegationSerializer",
    "DocumentRefSerializer",
    "EventRefSerializer",
    "EventSerializer",
    "GeometrySerializer",
    "NextMeetingSerializer",
    "ParticipantRefSerializer",
    "ParticipantSerializer",
    "PlaceSerializer",
    "RESOURCE_OF_TYPE",
    "RoundSerializer",
    "StatementComparisonSerializer",
    "StatementSerializer",
    "ZoneSerializer",
    "ZoneStatusChangeSerializer",
    "api_url",
]
