import datetime

from django.db import models
from django.urls import reverse

from rounds.choices import DatePrecision, ZoneStatus

from .base import CuratedModel, history
from .geography import Governorate


def zone_status_on(history: list[tuple[datetime.date, str]], day: datetime.date) -> str | None:
    """A zone's status on ``day`` from its history of ``(date, status)`` changes (None before
    its first change). Pure: the one place a zone's status on a day is worked out."""
    status = None
    for date, value in sorted(history):
        if date <= day:
            status = value
    return status


class Zone(CuratedModel):
    """One of the four de-escalation areas of the 4 May 2017 memorandum."""

    slug = models.SlugField(max_length=64, unique=True)
    number = models.PositiveSmallIntegerField(
        unique=True, help_text="Order in the memorandum (1-4)."
    )
    name = models.CharField(max_length=255)
    name_ru = models.CharField("name (Russian)", max_length=255, blank=True)
    name_tr = models.CharField("name (Turkish)", max_length=255, blank=True)
    name_ar = models.CharField("name (Arabic)", max_length=255, blank=True)
    short_name = models.CharField(max_length=64)
    short_name_ru = models.CharField("short name (Russian)", max_length=64, blank=True)
    short_name_tr = models.CharField("short name (Turkish)", max_length=64, blank=True)
    short_name_ar = models.CharField("short name (Arabic)", max_length=64, blank=True)
    governorates = models.ManyToManyField(Governorate, related_name="zones", blank=True)
    governorates_text = models.CharField(
        max_length=255, blank=True, help_text="Which parts, as sources describe them."
    )
    centre_latitude = models.FloatField(null=True, blank=True)
    centre_longitude = models.FloatField(null=True, blank=True)
    polygon = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry [lon, lat].")
    polygon_approximate = models.BooleanField(
        default=True, help_text="Hand-drawn envelope, not an official boundary."
    )
    polygon_note = models.TextField(blank=True)
    population_note = models.CharField(max_length=255, blank=True)
    monitoring = models.TextField(blank=True)

    history = history()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:zone-detail", kwargs={"slug": self.slug})

    def status_on(self, day: datetime.date) -> str | None:
        """The zone's status on a day, from its history (None before it was agreed).

        Uses the prefetched ``status_changes`` when present, so it costs no query in lists.
        """
        return zone_status_on([(c.date, c.status) for c in self.status_changes.all()], day)


class ZoneStatusChange(CuratedModel):
    """A dated change in a zone's status: agreed, operational, contested or ended."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="status_changes")
    date = models.DateField()
    date_precision = models.CharField(
        max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status = models.CharField(max_length=16, choices=ZoneStatus.choices)
    note = models.TextField(blank=True)

    history = history()

    class Meta:
        ordering = ["zone__number", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "date", "status"], name="zone_status_change_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.zone}: {self.get_status_display()} from {self.date:%Y-%m-%d}"
