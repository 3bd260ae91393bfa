"""Add a generated workload N times today's records (for benchmarks; see rounds.scale_data)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from rounds.scale_data import generate


def _progress(enabled: bool):
    """A progress bar per step on stderr (tqdm)."""
    from tqdm import tqdm

    def start(label: str, total: int):
        bar = tqdm(
            total=total, desc=f"{label:<12}", unit="row", file=sys.stderr, disable=not enabled
        )

        def tick(n: int) -> None:
            bar.update(n)
            if bar.n >= total:
                bar.close()

        if total == 0:
            bar.close()
        return tick

    return start


class Command(BaseCommand):
    help = (
        "Add generated rounds, delegations, events, statements, articles (en/ru/tr/ar), "
        "citations and suggestions until each totals FACTOR times today's volume. Idempotent: "
        "a re-run creates only what is missing; deterministic for a given --seed. Load the "
        "reference history first (load_reference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, required=True, help="e.g. 1 or 100")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, factor: float, seed: int, verbosity: int, **options):
        if not 0 < factor <= 1000:
            raise CommandError("--factor must be above 0 and at most 1000.")
        created = generate(factor=factor, seed=seed, progress=_progress(verbosity >= 1))
        if verbosity >= 1:
            for kind, count in created.items():
                self.stdout.write(f"created {count} {kind}")
