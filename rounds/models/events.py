from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext

from rounds.choices import EVENT_STATUS_TRANSITIONS, DatePrecision, EventKind, EventStatus

from .base import CuratedModel, MeetingStatusMixin, StatusTransitionsMixin, history
from .geography import Place
from .participants import Participant
from .rounds import Round


class Event(MeetingStatusMixin, StatusTransitionsMixin, CuratedModel):
    """A dated happening of the process other than a round: the Sochi congress, summits,
    working groups, zone agreements, the offensives that ended zones, Geneva milestones."""

    slug = models.SlugField(max_length=96, unique=True)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    title = models.CharField(max_length=500)
    title_ru = models.CharField("title (Russian)", max_length=500, blank=True)
    title_tr = models.CharField("title (Turkish)", max_length=500, blank=True)
    title_ar = models.CharField("title (Arabic)", max_length=500, blank=True)
    description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    location_text = models.CharField(max_length=255, blank=True, help_text="As sources word it.")
    status = models.CharField(
        max_length=16, choices=EventStatus.choices, default=EventStatus.ANNOUNCED
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text="The round that announced or prepared it.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="e.g. the congress a preparatory meeting prepared.",
    )
    participants = models.ManyToManyField(Participant, related_name="events", blank=True)
    details = models.JSONField(default=dict, blank=True)

    history = history()
    status_transitions = EVENT_STATUS_TRANSITIONS

    class Meta:
        ordering = ["start_date", "slug"]
        # A list's page in its default order is read from the index, not sorted (10k events).
        indexes = [models.Index(fields=["start_date", "slug"], name="event_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="event_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboard:event-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": gettext("An event cannot be its own parent.")})
