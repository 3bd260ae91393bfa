"""The review queue in the analysts' workbench: suggestions, accepted or rejected through
``review.services``. The model stays in ``rounds`` (its table and permissions keep their
names), so its admin pages keep their URLs (``admin:rounds_suggestion_...``)."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from astana_site.exceptions import TrackerError
from review.selectors import next_pending_suggestion
from review.services import (
    suggestion_accept,
    suggestion_reject,
    suggestion_required_permissions,
)
from rounds.choices import (
    EventKind,
    EventStatus,
    RoundStatus,
    StatementKind,
    SuggestionKind,
    SuggestionStatus,
)
from rounds.history import word_diff
from rounds.models import Suggestion
from rounds.suggestion_titles import FIELD_LABELS, compare_fields, suggestion_title


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
        fields = ("review_note",)


# A pending suggestion's proposal is edited in the record's own terms, one field per value.
PROPOSED_PREFIX = "proposed_"
DATE_KEYS = {"start", "end", "date", "start_date", "end_date"}
NUMBER_KEYS = {"number", "round_number"}


def _choices_for(kind: str, key: str) -> list[tuple[str, str]] | None:
    if key == "status":
        if kind in {SuggestionKind.NEW_ROUND}:
            return RoundStatus.choices
        return EventStatus.choices
    if key == "kind":
        if kind == SuggestionKind.NEW_STATEMENT:
            return StatementKind.choices
        return EventKind.choices
    return None


def _proposal_field(kind: str, key: str, value) -> forms.Field:
    label = FIELD_LABELS.get(key, key.replace("_", " ").capitalize())
    if key in DATE_KEYS:
        return forms.DateField(
            label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
    if key in NUMBER_KEYS:
        return forms.IntegerField(label=label, required=False, min_value=1, max_value=32767)
    choices = _choices_for(kind, key)
    if choices:
        return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *choices])
    return forms.CharField(label=label, required=False, max_length=255)


def _proposal_value(key: str, value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value in ("", None):
        return None
    return value


class ProposalForm(SuggestionForm):
    """``SuggestionForm`` with one field per proposed value (built by ``proposal_form``);
    ``cleaned_data["payload"]`` is the proposal with the analyst's values."""

    proposal_keys: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in self.proposal_keys:
            name = PROPOSED_PREFIX + key
            if name in self.fields and not self.is_bound:
                self.initial[name] = (self.instance.payload or {}).get(key)

    def clean(self):
        data = super().clean()
        payload = dict(self.instance.payload or {})
        for key in self.proposal_keys:
            name = PROPOSED_PREFIX + key
            if name in data:
                payload[key] = _proposal_value(key, data[name])
        data["payload"] = payload
        return data


def proposal_form(suggestion: Suggestion) -> type[ProposalForm]:
    keys = tuple((suggestion.payload or {}).keys())
    fields = {
        PROPOSED_PREFIX + key: _proposal_field(suggestion.kind, key, value)
        for key, value in (suggestion.payload or {}).items()
    }
    return type("ProposalForm", (ProposalForm,), {**fields, "proposal_keys": keys})


# The admin index says how many suggestions wait, where analysts land.
admin.site.index_template = "review/admin/index.html"

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
    list_display = ("title", "status", "confidence", "quote_excerpt", "article_link", "created")
    list_filter = ("status", "kind", "article__language")
    search_fields = ("key", "quote", "article__title", "article__url")
    date_hierarchy = "created"
    list_select_related = ("article",)
    readonly_fields = (
        "title",
        "kind",
        "status",
        "target_link",
        "comparison",
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
        "title",
        "kind",
        "status",
        "target_link",
        "comparison",
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
        return (*self.readonly_fields, "payload")

    def _editable(self, obj) -> bool:
        return obj is not None and obj.status == SuggestionStatus.PENDING

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if self._editable(obj):
            # The proposal's values as the record's own fields, where the raw JSON was.
            at = fields.index("payload")
            names = [PROPOSED_PREFIX + key for key in (obj.payload or {})]
            fields[at : at + 1] = names
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self._editable(obj):
            kwargs["form"] = proposal_form(obj)
        return super().get_form(request, obj, change, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    @admin.display(description=_("Suggestion"), ordering="key")
    def title(self, obj):
        target = obj.target
        return suggestion_title(
            kind=obj.kind,
            key=obj.key,
            payload=obj.applied or obj.payload,
            current=obj.current,
            record=str(target) if target is not None else "",
        )

    @admin.display(description=_("On record and proposed"))
    def comparison(self, obj):
        rows = compare_fields(current=obj.current, proposed=obj.applied or obj.payload)
        if not rows:
            return "—"

        def shown(value):
            return "—" if value in (None, "", []) else value

        body = format_html_join(
            "",
            '<tr class="{}"><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            (
                (
                    "changed" if row.changed else "same",
                    row.label,
                    shown(row.current),
                    word_diff(row.current, row.proposed)
                    if row.changed and isinstance(row.proposed, str) and row.current
                    else shown(row.proposed),
                )
                for row in rows
            ),
        )
        return format_html(
            '<table class="suggestion-comparison"><thead><tr><th scope="col">Field</th>'
            '<th scope="col">On record</th><th scope="col">Proposed</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            body,
        )

    @admin.display(description=_("Supporting sentence"))
    def quote_excerpt(self, obj):
        return obj.quote[:160] + ("…" if len(obj.quote) > 160 else "")

    @admin.display(description=_("Article"))
    def article_link(self, obj):
        url = reverse("admin:ingest_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.label)

    @admin.display(description=_("Record"))
    def target_link(self, obj):
        target = obj.target
        if target is None:
            return "— (a new record)"
        meta = target._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, target)

    @admin.display(description=_("Article text (supporting sentence highlighted)"))
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
        if "payload" in form.cleaned_data:
            obj.payload = form.cleaned_data["payload"]
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
                self.message_user(
                    request,
                    gettext("Accepted: %(record)s saved.") % {"record": record},
                    messages.SUCCESS,
                )
            else:
                suggestion_reject(suggestion=obj, user=request.user, note=note)
                self.message_user(request, gettext("Rejected."), messages.SUCCESS)
        except (TrackerError, ValidationError) as error:
            self.message_user(
                request,
                gettext("Not applied: %(error)s") % {"error": _message(error)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(
            self._next_url(obj) or reverse("admin:rounds_suggestion_changelist")
        )

    def _next_url(self, obj) -> str | None:
        """The next pending suggestion in the queue's order, or None."""
        following = next_pending_suggestion(after=obj)
        if following is None:
            return None
        return reverse("admin:rounds_suggestion_change", args=[following.pk])

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["next_url"] = self._next_url(obj)
            extra_context["queue_url"] = (
                reverse("admin:rounds_suggestion_changelist") + "?status__exact=pending"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Accept selected suggestions"), permissions=["change"])
    def accept_selected(self, request, queryset):
        done, failed = 0, []
        for suggestion in queryset.filter(status=SuggestionStatus.PENDING):
            try:
                _ensure_can_accept(request, suggestion)
                suggestion_accept(suggestion=suggestion, user=request.user)
                done += 1
            except (TrackerError, ValidationError) as error:
                failed.append(f"#{suggestion.pk}: {_message(error)}")
        self.message_user(
            request,
            gettext("Accepted %(count)s suggestion(s).") % {"count": done},
            messages.SUCCESS,
        )
        for line in failed:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("Reject selected suggestions"), permissions=["change"])
    def reject_selected(self, request, queryset):
        count = 0
        for suggestion in queryset.filter(status=SuggestionStatus.PENDING):
            suggestion_reject(suggestion=suggestion, user=request.user)
            count += 1
        self.message_user(
            request,
            gettext("Rejected %(count)s suggestion(s).") % {"count": count},
            messages.SUCCESS,
        )


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
