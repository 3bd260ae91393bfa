"""``Source.poll_interval`` gets an upper bound (a year of minutes) next to its lower one.

A value stored before is brought into the range first (SQLite kept up to 2**63 - 1, which the
scheduler could not add to a date), so the new constraint holds for every row."""

import django.core.validators
from django.db import migrations, models

POLL_INTERVAL_MIN = 1
POLL_INTERVAL_MAX = 525600


def into_range(apps, schema_editor):
    Source = apps.get_model("ingest", "Source")  # noqa: N806 - a model class
    Source.objects.filter(poll_interval__gt=POLL_INTERVAL_MAX).update(
        poll_interval=POLL_INTERVAL_MAX
    )
    Source.objects.filter(poll_interval__lt=POLL_INTERVAL_MIN).update(
        poll_interval=POLL_INTERVAL_MIN
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0004_search_vectors_inline"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="source",
            name="source_poll_interval",
        ),
        migrations.RunPython(into_range, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="source",
            name="poll_interval",
            field=models.PositiveIntegerField(
                default=60,
                help_text="Minutes between polls, 1 to 525600 (a year).",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(525600),
                ],
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(("poll_interval__gte", 1), ("poll_interval__lte", 525600)),
                name="source_poll_interval",
            ),
        ),
    ]
