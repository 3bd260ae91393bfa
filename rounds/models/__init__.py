"""The curated domain of the Astana process."""

from .citations import Citation
from .events import Event
from .geography import Governorate, Place
from .participants import Guarantor, Participant
from .rounds import Delegation, Round
from .statements import Statement
from .suggestions import Suggestion
from .zones import Zone, ZoneStatusChange

__all__ = [
    "Citation",
    "Delegation",
    "Event",
    "Governorate",
    "Guarantor",
    "Participant",
    "Place",
    "Round",
    "Statement",
    "Suggestion",
    "Zone",
    "ZoneStatusChange",
]
