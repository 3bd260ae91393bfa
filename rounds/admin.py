"""The analysts' workbench: every curated model with lists, filters, search, autocomplete,
inlines, citations and history. Every save asks for a reason, which history keeps.

A change form carries the version of the record it was opened on; saving it after someone
else changed the record is refused with a list of what they changed, so nobody overwrites a
change they never saw. Saves go through ``rounds.services`` and write only the changed fields.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from rounds.history import word_diff
from rounds.models import (
    Citation,
    Delegation,
    Event,
    Governorate,
    Guarantor,
    Participant,
    Place,
    Round,
    Statement,
    Zone,
    ZoneStatusChange,
)
from rounds.models.base import OVERDUE_LABEL, overdue_meetings, record_version
from rounds.services import StaleRecordError, curated_delete, curated_save
from rounds.statement_texts import (
    StatementText,
    StatementTextError,
    statement_text_attach,
    statement_text_fetch,
    statement_text_from_bytes,
    statement_text_pasted,
)

admin.site.site_header = gettext_lazy("Astana Process Tracker")
admin.site.site_title = gettext_lazy("Astana Process Tracker")
admin.site.index_title = gettext_lazy("Curate the Astana process")


def changes_since(instance: models.Model, opened: datetime.datetime) -> list[str]:
    """What history says changed on ``instance`` after ``opened``: one line per change, with
    the fields (old and new value), who and when."""
    lines = []
    rows = instance.history.filter(history_date__gt=opened).order_by("history_date", "history_id")
    for row in rows:
        previous = row.prev_record
        if previous is None:
            continue
        fields = [
            f"{instance._meta.get_field(c.field).verbose_name}: {c.old!r} → {c.new!r}"
            for c in row.diff_against(previous).changes
        ]
        who = row.history_user.get_username() if row.history_user else "the system"
        when = timezone.localtime(row.history_date).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f"{who} at {when}: {'; '.join(fields) or 'related records'}")
    return lines


class OverdueFilter(admin.SimpleListFilter):
    """The analysts' queue of meetings to confirm: still scheduled or announced though their
    dates have passed (shown to readers as "overdue — not confirmed")."""

    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", gettext(OVERDUE_LABEL))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return overdue_meetings(queryset, timezone.localdate())


class ReasonForm(forms.ModelForm):
    """Adds the 'reason for change' every curated save records in history, and the version of
    the record the form was opened on (refused when the record changed since)."""

    change_reason = forms.CharField(
        max_length=100,
        required=True,
        label=gettext_lazy("Reason for this change"),
        help_text=gettext_lazy(
            "Kept in the history with your name, e.g. 'Dates per MFA statement'."
        ),
    )
    opened_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            version = record_version(self.instance)
            self.initial.setdefault("opened_version", f"{version} {timezone.now().isoformat()}")

    def opened(self) -> tuple[str, datetime.datetime | None]:
        """The version the form was opened on and when ('' and None if not given)."""
        version, _, when = (self.cleaned_data.get("opened_version") or "").partition(" ")
        try:
            return version, datetime.datetime.fromisoformat(when)
        except ValueError:
            return version, None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        version, opened = self.opened()
        if version and version != record_version(self.instance):
            changes = changes_since(self.instance, opened) if opened else []
            raise ValidationError(
                gettext(
                    "Someone changed this record since you opened it, so your changes were not "
                    "saved. Reload the page to see the record as it is now, then redo your change."
                )
                + (
                    ""
                    if not changes
                    else " "
                    + gettext("Changed meanwhile: %(changes)s") % {"changes": " | ".join(changes)}
                ),
                code="stale",
            )
        return cleaned


class CitationInline(GenericTabularInline):
    model = Citation
    extra = 0
    fields = ("url", "publisher", "title", "published", "quote", "article")
    raw_id_fields = ("article",)
    classes = ("collapse",)
    # Narrow inputs keep the table inside a 1366 px laptop page beside the admin's sidebar.
    formfield_overrides = {
        models.URLField: {"widget": forms.URLInput(attrs={"size": 20})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 14})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 20})},
    }


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """Each change on the history page also carries ``diff``: for text, list and JSON fields
    the word-level difference (``rounds.history.word_diff``) instead of two truncated values."""

    def context_for_delta_changes(self, delta) -> list[dict]:
        rows = []
        for change in delta.changes:
            shown = self.format_delta_change(change)
            rows.append(
                {
                    "field": shown.field,
                    "old": shown.old,
                    "new": shown.new,
                    "diff": word_diff(
                        self.prepare_delta_change_value(change, change.old),
                        self.prepare_delta_change_value(change, change.new),
                    ),
                }
            )
        return rows


class CuratedAdmin(SimpleHistoryAdmin):
    form = ReasonForm
    inlines = [CitationInline]
    readonly_fields = ("created", "modified")
    # History pages show word-level differences and who made each change as plain text
    # (simple-history links the name to the user admin, a 403 for analysts).
    object_history_template = "rounds/admin/object_history.html"
    object_history_list_template = "rounds/admin/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        # The row is locked and checked against the version the form was opened on again,
        # for a change made between the form's validation and this save.
        version = form.opened()[0] if change and isinstance(form, ReasonForm) else ""
        curated_save(
            obj,
            user=request.user,
            reason=form.cleaned_data.get("change_reason") or "Edited in admin",
            expected_version=version or None,
            touch=change,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecordError as exc:  # the transaction was rolled back: nothing saved
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason") or "Edited in admin"
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            curated_delete(obj, user=request.user, reason=reason)
        for instance in instances:
            curated_save(instance, user=request.user, reason=reason)
        formset.save_m2m()

    def delete_model(self, request, obj):
        curated_delete(obj, user=request.user, reason="Deleted in admin")

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            curated_delete(obj, user=request.user, reason="Deleted in admin (bulk)")


class DelegationInline(admin.TabularInline):
    model = Delegation
    extra = 0
    fields = ("participant", "role", "head_of_delegation", "note", "uncertain")
    autocomplete_fields = ("participant",)
    # Narrow inputs keep the table inside a 1366 px laptop page beside the admin's sidebar.
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 20})}}


class LinesField(forms.CharField):
    """A JSON list of strings edited as text, one item a line (blank lines dropped)."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class RoundForm(ReasonForm):
    outcomes = LinesField(required=False, help_text=gettext_lazy("Key outcomes, one a line."))


@admin.register(Round)
class RoundAdmin(CuratedAdmin):
    form = RoundForm
    list_display = ("number", "name", "city", "start_date", "end_date", "status", "uncertain")
    list_display_links = ("number", "name")
    list_filter = (
        OverdueFilter,
        "status",
        "city",
        "uncertain",
        ("start_date", admin.DateFieldListFilter),
    )
    search_fields = ("name", "city", "summary", "venue", "next_meeting_text")
    date_hierarchy = "start_date"
    autocomplete_fields = ("place", "next_meeting_place")
    inlines = [DelegationInline, CitationInline]
    fieldsets = (
        (None, {"fields": ("number", "name", "status", "change_reason", "opened_version")}),
        (
            "Names in other languages",
            {"fields": ("name_ru", "name_tr", "name_ar", "city_ru", "city_tr", "city_ar")},
        ),
        (
            "When and where",
            {"fields": ("city", "place", "venue", "start_date", "end_date", "date_note")},
        ),
        ("What it did", {"fields": ("summary", "outcomes")}),
        (
            "Next meeting it announced",
            {
                "fields": (
                    "next_meeting_text",
                    "next_meeting_place",
                    "next_meeting_start",
                    "next_meeting_end",
                )
            },
        ),
        ("Certainty", {"fields": ("uncertain", "uncertain_note")}),
        ("Record", {"fields": ("created", "modified"), "classes": ("collapse",)}),
    )


@admin.register(Delegation)
class DelegationAdmin(CuratedAdmin):
    list_display = ("round", "participant", "role", "head_of_delegation")
    list_filter = ("role", "participant")
    search_fields = ("head_of_delegation", "participant__name", "round__name")
    autocomplete_fields = ("round", "participant")
    list_select_related = ("round", "participant")


@admin.register(Participant)
class ParticipantAdmin(CuratedAdmin):
    list_display = ("name", "short_name", "kind", "is_guarantor")
    list_filter = ("kind", "is_guarantor")
    search_fields = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Guarantor)
class GuarantorAdmin(ParticipantAdmin):
    list_filter = ("kind",)


class StatementTextForm(forms.Form):
    """Attach a statement's official text: from an address, an uploaded file or pasted."""

    url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=gettext_lazy("Fetch from address"),
        help_text=gettext_lazy(
            "The page the text is published at; fetched through the ingest fetcher."
        ),
    )
    file = forms.FileField(
        required=False,
        label=gettext_lazy("Or upload a file"),
        help_text=gettext_lazy("HTML or plain text (.txt)."),
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
        label=gettext_lazy("Or paste the text"),
        help_text=gettext_lazy("Paragraphs separated by blank lines."),
    )
    published_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label=gettext_lazy("Published at (for a file or pasted text)"),
        help_text=gettext_lazy("Optional: where the text is published; cited on the statement."),
    )
    change_reason = forms.CharField(
        max_length=100,
        required=False,
        label=gettext_lazy("Reason for this change"),
        help_text=gettext_lazy(
            "Kept in the history with your name (default: where the text came from)."
        ),
    )
    opened_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        given = [k for k in ("url", "file", "text") if cleaned.get(k)]
        if len(given) != 1:
            raise ValidationError(gettext("Give one of: an address, a file or the pasted text."))
        if cleaned.get("url") and cleaned.get("published_url"):
            raise ValidationError(
                gettext("An address is its own source; leave 'Published at' empty.")
            )
        return cleaned


@admin.register(Statement)
class StatementAdmin(CuratedAdmin):
    list_display = ("title", "kind", "date", "round", "uncertain")
    list_filter = ("kind", "uncertain", "issuers")
    search_fields = ("title", "text", "slug")
    date_hierarchy = "date"
    autocomplete_fields = ("round", "issuers")
    list_select_related = ("round",)
    readonly_fields = (*CuratedAdmin.readonly_fields, "text_source")
    change_form_template = "admin/rounds/statement/change_form.html"

    def get_urls(self):
        attach = path(
            "<path:object_id>/attach-text/",
            self.admin_site.admin_view(self.attach_text_view),
            name="rounds_statement_attach_text",
        )
        return [attach, *super().get_urls()]

    def attach_text_view(self, request, object_id):
        """Read a text (network and files outside any transaction), then store it through
        ``statement_text_attach`` against the version the form was opened on."""
        statement = self.get_object(request, object_id)
        if statement is None:
            raise Http404
        if not self.has_change_permission(request, statement):
            raise PermissionDenied
        if request.method == "POST":
            form = StatementTextForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    read = _read_statement_text(data)
                    statement_text_attach(
                        statement=statement,
                        read=read,
                        user=request.user,
                        reason=data["change_reason"],
                        expected_version=data["opened_version"] or None,
                    )
                except (StatementTextError, StaleRecordError) as exc:
                    form.add_error(None, str(exc))
                else:
                    self.message_user(
                        request,
                        gettext("Text attached (%(length)s characters): %(source)s.")
                        % {"length": len(read.text), "source": statement.text_source},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:rounds_statement_change", args=[statement.pk])
                    )
        else:
            form = StatementTextForm(initial={"opened_version": record_version(statement)})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Attach the text of {statement}",
            "opts": self.opts,
            "original": statement,
            "form": form,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/rounds/statement/attach_text.html", context)


def _read_statement_text(data: dict) -> StatementText:
    if data.get("url"):
        return statement_text_fetch(url=data["url"])
    if data.get("file"):
        upload = data["file"]
        # Bounded whatever the upload claims: one byte past the cap is enough to refuse it.
        content = upload.read(settings.INGEST_MAX_BYTES + 1)
        return statement_text_from_bytes(
            content=content, name=upload.name, url=data.get("published_url") or ""
        )
    return statement_text_pasted(text=data["text"], url=data.get("published_url") or "")


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = ("title", "kind", "start_date", "end_date", "place", "status", "uncertain")
    list_filter = (OverdueFilter, "kind", "status", "date_precision", "uncertain")
    search_fields = ("title", "description", "location_text", "slug")
    date_hierarchy = "start_date"
    autocomplete_fields = ("place", "round", "parent", "participants")
    list_select_related = ("place",)


class ZoneStatusInline(admin.TabularInline):
    model = ZoneStatusChange
    extra = 0
    fields = ("date", "date_precision", "status", "note", "uncertain")


@admin.register(Zone)
class ZoneAdmin(CuratedAdmin):
    list_display = ("number", "short_name", "governorates_text", "polygon_approximate")
    list_display_links = ("number", "short_name")
    search_fields = ("name", "short_name", "governorates_text")
    autocomplete_fields = ("governorates",)
    inlines = [ZoneStatusInline, CitationInline]


@admin.register(ZoneStatusChange)
class ZoneStatusChangeAdmin(CuratedAdmin):
    list_display = ("zone", "date", "status")
    list_filter = ("status", "zone")
    date_hierarchy = "date"
    search_fields = ("note", "zone__name")
    autocomplete_fields = ("zone",)
    list_select_related = ("zone",)


@admin.register(Place)
class PlaceAdmin(CuratedAdmin):
    list_display = ("name", "kind", "country", "governorate", "latitude", "longitude")
    list_filter = ("kind", "country")
    search_fields = ("name", "slug", "country")
    autocomplete_fields = ("governorate",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Governorate)
class GovernorateAdmin(CuratedAdmin):
    list_display = ("pcode", "name_common", "name", "name_ar", "iso_code")
    search_fields = ("name", "name_common", "name_ar", "pcode")


@admin.register(Citation)
class CitationAdmin(CuratedAdmin):
    inlines = []
    readonly_fields = ("created",)
    list_display = ("__str__", "content_type", "object_id", "published", "url")
    list_filter = ("content_type",)
    search_fields = ("url", "publisher", "title", "quote")
    date_hierarchy = "published"
    raw_id_fields = ("article",)
