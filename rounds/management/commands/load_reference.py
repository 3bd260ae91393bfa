from django.core.management.base import BaseCommand

from rounds.reference import reference_load


class Command(BaseCommand):
    help = "Load the shipped reference history of the Astana process (idempotent)."

    def handle(self, *args, **options):
        report = reference_load()
        for name, count in sorted(report.kept.items()):
            self.stdout.write(f"kept {count} {name} that analysts changed since the last load")
        if not report.changed:
            self.stdout.write("Reference data already up to date; nothing changed.")
            return
        for label, bucket in (
            ("created", report.created),
            ("updated", report.updated),
            ("removed", report.removed),
        ):
            for name, count in sorted(bucket.items()):
                self.stdout.write(f"{label} {count} {name}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
