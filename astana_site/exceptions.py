class TrackerError(Exception):
    """An error a user can cause (bad input, a forbidden transition). Shown, never a 500."""
