class TrackerError(Exception):
    """An error a user can cause (bad input, a forbidden transition). Shown, never a 500."""


class TrackerConflict(TrackerError):
    """A request the current state of the data refuses (a suggestion already decided, a round
    that already exists): the API answers 409."""
