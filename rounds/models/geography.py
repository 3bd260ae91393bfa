from django.db import models

from rounds.choices import PlaceKind

from .base import AliasesMixin, CuratedModel, history


class Governorate(CuratedModel):
    """One of Syria's 14 first-level administrative divisions, with its boundary for maps."""

    pcode = models.CharField(max_length=8, unique=True, help_text="OCHA pcode, e.g. SY07.")
    name = models.CharField(max_length=64, help_text="OCHA English spelling.")
    name_common = models.CharField(max_length=64, help_text="News spelling, e.g. Idlib.")
    name_ar = models.CharField(max_length=64, blank=True)
    iso_code = models.CharField(max_length=8, blank=True)
    geometry = models.JSONField(help_text="GeoJSON geometry, WGS84 [lon, lat].")

    history = history()

    class Meta:
        ordering = ["pcode"]

    def __str__(self) -> str:
        return self.name_common


class Place(AliasesMixin, CuratedModel):
    """A named place where meetings happen or that news mentions, with its aliases."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128, help_text="Current English name.")
    name_ru = models.CharField("name (Russian)", max_length=128, blank=True)
    name_tr = models.CharField("name (Turkish)", max_length=128, blank=True)
    name_ar = models.CharField("name (Arabic)", max_length=128, blank=True)
    kind = models.CharField(max_length=16, choices=PlaceKind.choices, default=PlaceKind.CITY)
    country = models.CharField(max_length=64, blank=True)
    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        help_text="For places in Syria.",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names, e.g. [{"name": "Nur-Sultan", "lang": "en"}].',
    )

    history = history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name
