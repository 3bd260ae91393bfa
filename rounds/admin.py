"""The analysts' workbench: every curated model with lists, filters, search, autocomplete,
inlines, citations and history. Every save asks for a reason, which history keeps."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from rounds.choices import SuggestionStatus
from rounds.exceptions import TrackerError
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
    Suggestion,
    Zone,
    ZoneStatusChange,
)
from rounds.review import (
    suggestion_accept,
    suggestion_reject,
    suggestion_required_permissions,
)
from rounds.services import curated_delete

admin.site.site_header = "Astana Process Tracker"
admin.site.site_title = "Astana Process Tracker"
admin.site.index_title = "Curate the Astana process"


class ReasonForm(forms.ModelForm):
    """Adds the 'reason for change' every curated save records in history."""

    change_reason = forms.CharField(
        max_length=100,
        required=True,
        label="Reason for this change",
        help_text="Kept in the history with your name, e.g. 'Dates per MFA statement'.",
    )


class CitationInline(GenericTabularInline):
    model = Citation
    extra = 0
    fields = ("url", "publisher", "title", "published", "quote", "article")
    raw_id_fields = ("article",)
    classes = ("collapse",)


class CuratedAdmin(SimpleHistoryAdmin):
    form = ReasonForm
    inlines = [CitationInline]
    readonly_fields = ("created", "modified")

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        obj._change_reason = form.cleaned_data.get("change_reason") or "Edited in admin"
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason") or "Edited in admin"
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            curated_delete(obj, user=request.user, reason=reason)
        for instance in instances:
            instance._history_user = request.user
            instance._change_reason = reason
            instance.save()
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
    # Narrow inputs keep the table inside a laptop-width page.
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 28})}}


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
    outcomes = LinesField(required=False, help_text="Key outcomes, one a line.")


@admin.register(Round)
class RoundAdmin(CuratedAdmin):
    form = RoundForm
    list_display = ("number", "name", "city", "start_date", "end_date", "status", "uncertain")
    list_display_links = ("number", "name")
    list_filter = ("status", "city", "uncertain", ("start_date", admin.DateFieldListFilter))
    search_fields = ("name", "city", "summary", "venue", "next_meeting_text")
    date_hierarchy = "start_date"
    autocomplete_fields = ("place", "next_meeting_place")
    inlines = [DelegationInline, CitationInline]
    fieldsets = (
        (None, {"fields": ("number", "name", "status", "change_reason")}),
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


@admin.register(Statement)
class StatementAdmin(CuratedAdmin):
    list_display = ("title", "kind", "date", "round", "uncertain")
    list_filter = ("kind", "uncertain", "issuers")
    search_fields = ("title", "text", "slug")
    date_hierarchy = "date"
    autocomplete_fields = ("round", "issuers")
    list_select_related = ("round",)


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    list_display = ("title", "kind", "start_date", "end_date", "place", "status", "uncertain")
    list_filter = ("kind", "status", "date_precision", "uncertain")
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
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "content_type", "object_id", "published", "url")
    list_filter = ("content_type",)
    search_fields = ("url", "publisher", "title", "quote")
    date_hierarchy = "published"
    raw_id_fields = ("article",)


def _highlight(text: str, quote: str) -> str:
    """The article text with the supporting sentence marked, escaped for HTML."""
    if not text:
        return ""
    start = text.find(quote) if quote else -1
    if start < 0:
        return format_html('<div class="article-text">{}</div>', text)
    end = start + len(quote)
    return format_html(
        '<div class="article-text">{}<mark id="quote">{}</mark>{}</div>',
        text[:start],
        text[start:end],
        text[end:],
    )


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ("payload", "review_note")


# Buttons of the change form that review the suggestion instead of saving the form.
REVIEW_BUTTONS = ("_accept", "_reject")


@admin.register(Suggestion)
class SuggestionAdmin(SimpleHistoryAdmin):
    """The review queue: what ingestion proposes, with the sentence behind it.

    Accept or reject one by one (the change form, where the proposal can be edited before
    "Save and accept") or in bulk (list actions). Accepting applies the change through the
    curated services, with history naming the analyst, the suggestion and the article. A
    reviewed suggestion is read-only; its history shows who reviewed it and why.
    """

    form = SuggestionForm
    list_display = ("__str__", "kind", "status", "quote_excerpt", "article_link", "created")
    list_filter = ("status", "kind", "article__language")
    search_fields = ("key", "quote", "article__title", "article__url")
    date_hierarchy = "created"
    list_select_related = ("article",)
    readonly_fields = (
        "kind",
        "status",
        "target_link",
        "current",
        "applied",
        "quote",
        "article_link",
        "article_in_context",
        "reviewed_by",
        "reviewed_at",
        "created",
    )
    fields = (
        "kind",
        "status",
        "target_link",
        "current",
        "payload",
        "applied",
        "quote",
        "review_note",
        "article_link",
        "article_in_context",
        "reviewed_by",
        "reviewed_at",
        "created",
    )
    actions = ["accept_selected", "reject_selected"]
    change_form_template = "admin/rounds/suggestion/change_form.html"
    history_list_display = ["status", "history_change_reason"]

    def has_add_permission(self, request):
        return False

    def has_change_history_permission(self, request, obj=None):
        return False  # history records reviews; reverting one would undo it unseen

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("A suggestion's history cannot be reverted.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != SuggestionStatus.PENDING:
            return (*self.readonly_fields, "payload", "review_note")
        return self.readonly_fields

    @admin.display(description="Supporting sentence")
    def quote_excerpt(self, obj):
        return obj.quote[:160] + ("…" if len(obj.quote) > 160 else "")

    @admin.display(description="Article")
    def article_link(self, obj):
        url = reverse("admin:ingest_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title or obj.article.url)

    @admin.display(description="Record")
    def target_link(self, obj):
        target = obj.target
        if target is None:
            return "— (a new record)"
        meta = target._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.display(description="Article text (supporting sentence highlighted)")
    def article_in_context(self, obj):
        return _highlight(obj.article.text, obj.quote)

    def save_model(self, request, obj, form, change):
        """Save edits kept for later; accepting or rejecting hands them to the review service
        instead, so a refused accept leaves the stored suggestion as it was."""
        if any(button in request.POST for button in REVIEW_BUTTONS):
            data = form.cleaned_data
            obj._review_input = (data.get("payload"), data.get("review_note", ""))
            return
        obj._change_reason = "Edited in admin before review"
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        if any(button in request.POST for button in REVIEW_BUTTONS):
            return None  # nothing was saved; the review service records the review in history
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not any(button in request.POST for button in REVIEW_BUTTONS):
            return super().response_change(request, obj)
        payload, note = getattr(obj, "_review_input", (None, ""))
        try:
            if "_accept" in request.POST:
                _ensure_can_accept(request, obj)
                record = suggestion_accept(
                    suggestion=obj, user=request.user, payload=payload, note=note
                )
                self.message_user(request, f"Accepted: {record} saved.", messages.SUCCESS)
            else:
                suggestion_reject(suggestion=obj, user=request.user, note=note)
                self.message_user(request, "Rejected.", messages.SUCCESS)
        except (TrackerError, ValidationError) as error:
            self.message_user(request, f"Not applied: {_message(error)}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:rounds_suggestion_changelist"))

    @admin.action(description="Accept selected suggestions", permissions=["change"])
    def accept_selected(self, request, queryset):
        done, failed = 0, []
        for suggestion in queryset.filter(status=SuggestionStatus.PENDING):
            try:
                _ensure_can_accept(request, suggestion)
                suggestion_accept(suggestion=suggestion, user=request.user)
                done += 1
            except (TrackerError, ValidationError) as error:
                failed.append(f"#{suggestion.pk}: {_message(error)}")
        self.message_user(request, f"Accepted {done} suggestion(s).", messages.SUCCESS)
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description="Reject selected suggestions", permissions=["change"])
    def reject_selected(self, request, queryset):
        count = 0
        for suggestion in queryset.filter(status=SuggestionStatus.PENDING):
            suggestion_reject(suggestion=suggestion, user=request.user)
            count += 1
        self.message_user(request, f"Rejected {count} suggestion(s).", messages.SUCCESS)


def _ensure_can_accept(request, suggestion: Suggestion) -> None:
    missing = [
        perm
        for perm in suggestion_required_permissions(suggestion)
        if not request.user.has_perm(perm)
    ]
    if missing:
        raise TrackerError(f"Accepting it needs the permission(s) {', '.join(missing)}.")


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)
