from django.db import models
from django.urls import reverse

from rounds.choices import StatementKind

from .base import CuratedModel, history
from .participants import Participant
from .rounds import Round


class Statement(CuratedModel):
    """A document adopted or issued in the process: joint statement, memorandum, provision."""

    slug = models.SlugField(max_length=96, unique=True)
    title = models.CharField(max_length=500)
    title_ru = models.CharField("title (Russian)", max_length=500, blank=True)
    title_tr = models.CharField("title (Turkish)", max_length=500, blank=True)
    title_ar = models.CharField("title (Arabic)", max_length=500, blank=True)
    kind = models.CharField(max_length=32, choices=StatementKind.choices)
    date = models.DateField(null=True, blank=True)
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    issuers = models.ManyToManyField(Participant, related_name="statements", blank=True)
    text = models.TextField(blank=True, help_text="Full text where available.")
    url = models.URLField(max_length=1000, blank=True, help_text="Where the text is published.")
    text_source = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "Where the text on record was taken from, as readers see it: the address it was "
            "fetched from, or a note for a file an analyst supplied (never a server path)."
        ),
    )
    topics = models.JSONField(default=list, blank=True)

    history = history()

    class Meta:
        ordering = ["date", "slug"]
        indexes = [models.Index(fields=["date", "slug"], name="statement_list_order")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboard:statement-detail", kwargs={"pk": self.pk})
