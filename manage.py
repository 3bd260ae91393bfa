#!/usr/bin/env python
"""Django's command-line utility for the Astana Process Tracker."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings.local")
    from django.core.management import execute_from_command_line

    from astana_site.outages import outage_message

    try:
        execute_from_command_line(sys.argv)
    except Exception as error:
        # The database or the broker is away: one line and a non-zero exit, not a traceback
        # (``--traceback`` still shows it). Anything else is a bug and keeps its traceback.
        message = outage_message(error)
        if message is None or "--traceback" in sys.argv:
            raise
        sys.stderr.write(f"error: {message}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
