from django.db import models

from rounds.choices import ParticipantKind

from .base import AliasesMixin, CuratedModel, history


class Participant(AliasesMixin, CuratedModel):
    """A state, organisation or Syrian party that takes part in the process.

    Names in other languages live in ``aliases`` so that news in Russian, Turkish, Arabic or
    Persian can be matched to the record (Turkey/Türkiye/Турция/تركيا).
    """

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128, unique=True, help_text="English name.")
    name_ru = models.CharField("name (Russian)", max_length=128, blank=True)
    name_tr = models.CharField("name (Turkish)", max_length=128, blank=True)
    name_ar = models.CharField("name (Arabic)", max_length=128, blank=True)
    short_name = models.CharField(max_length=32, blank=True, help_text="e.g. UN, ICRC.")
    kind = models.CharField(max_length=32, choices=ParticipantKind.choices)
    is_guarantor = models.BooleanField(
        default=False, help_text="One of the three guarantors: Russia, Iran, Turkey."
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text='Other names, e.g. [{"name": "Türkiye", "lang": "tr"}].',
    )

    history = history()

    class Meta:
        ordering = ["-is_guarantor", "name"]

    def __str__(self) -> str:
        return self.name


class GuarantorManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(is_guarantor=True)


class Guarantor(Participant):
    """The guarantors of the Astana process (Russia, Iran, Turkey): participants so flagged."""

    objects = GuarantorManager()

    class Meta:
        proxy = True
        ordering = ["name"]


# A proxy shares its concrete model's history; tell simple-history's admin where it lives.
Guarantor._meta.simple_history_manager_attribute = "history"
