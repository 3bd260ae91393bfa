from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from rounds.choices import ROUND_STATUS_TRANSITIONS, DelegationRole, RoundStatus

from .base import (
    CuratedModel,
    MeetingStatusMixin,
    StatusTransitionsMixin,
    choice_label,
    history,
)
from .geography import Place
from .participants import Participant


class Round(MeetingStatusMixin, StatusTransitionsMixin, CuratedModel):
    """One numbered round of the International Meeting on Syria in the Astana format."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=255)
    name_ru = models.CharField("name (Russian)", max_length=255, blank=True)
    name_tr = models.CharField("name (Turkish)", max_length=255, blank=True)
    name_ar = models.CharField("name (Arabic)", max_length=255, blank=True)
    city = models.CharField(
        max_length=64,
        blank=True,
        help_text="As named at the time: Astana, Nur-Sultan or Sochi (blank while unknown).",
    )
    city_ru = models.CharField("city (Russian)", max_length=64, blank=True)
    city_tr = models.CharField("city (Turkish)", max_length=64, blank=True)
    city_ar = models.CharField("city (Arabic)", max_length=64, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="rounds"
    )
    venue = models.CharField(max_length=255, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_note = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=RoundStatus.choices, default=RoundStatus.SCHEDULED
    )
    summary = models.TextField(blank=True)
    outcomes = models.JSONField(default=list, blank=True, help_text="Key outcomes, one a line.")
    next_meeting_text = models.CharField(
        max_length=255, blank=True, help_text="The announcement as worded, e.g. 'mid-July 2017'."
    )
    next_meeting_place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="announced_rounds",
    )
    next_meeting_start = models.DateField(null=True, blank=True, help_text="Window start.")
    next_meeting_end = models.DateField(null=True, blank=True, help_text="Window end.")
    participants = models.ManyToManyField(
        Participant, through="Delegation", related_name="rounds", blank=True
    )

    history = history()
    status_transitions = ROUND_STATUS_TRANSITIONS

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="round_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(next_meeting_end__isnull=True)
                | Q(next_meeting_start__isnull=True)
                | Q(next_meeting_end__gte=F("next_meeting_start")),
                name="round_next_meeting_window_ordered",
                violation_error_message="The announced window ends before it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(status=RoundStatus.HELD) | Q(start_date__isnull=False),
                name="round_held_has_start_date",
                violation_error_message="A held round needs a start date.",
            ),
        ]

    def __str__(self) -> str:
        return f"Round {self.number}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("dashboard:round-detail", kwargs={"number": self.number})

    @property
    def guarantors(self):
        return [d.participant for d in self.delegations.all() if d.participant.is_guarantor]


class Delegation(CuratedModel):
    """A participant's delegation at a round: its role there and who led it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="delegations")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="delegations"
    )
    role = models.CharField(max_length=32, choices=DelegationRole.choices)
    head_of_delegation = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=255, blank=True)

    history = history()

    class Meta:
        ordering = ["round__number", "role", "participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant"], name="delegation_unique_participant_per_round"
            )
        ]

    @property
    def role_label(self) -> str:
        """The role as readers see it, in the active language."""
        return choice_label(self, "role")

    def __str__(self) -> str:
        return f"{self.participant} at round {self.round.number} ({self.get_role_display()})"
