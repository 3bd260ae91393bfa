from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from astana_site.cache import data_changed
from ingest import services
from ingest.models import SOURCE_POLL_STATE_FIELDS, Article, Sighting, Source, public_address


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Feeds and pages to poll; the health column shows at a glance which ones are failing."""

    list_display = ("name", "health", "kind", "active", "poll_interval", "last_success", "url")
    list_filter = ("active", "kind", "last_error_code")
    search_fields = ("name", "url")
    readonly_fields = ("etag", "last_modified", *SOURCE_POLL_STATE_FIELDS, "created")

    @admin.display(description=_("Health"), ordering="failure_count")
    def health(self, obj):
        if obj.failure_count:
            return format_html(
                '<span title="{}">✖ {} ({} failure{})</span>',
                obj.last_error,
                obj.last_error_code,
                obj.failure_count,
                "" if obj.failure_count == 1 else "s",
            )
        return "✔" if obj.last_success else "not polled yet"

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        original = Source.objects.get(pk=obj.pk) if change else Source()
        services.source_save(source=original, data=data if change else form.cleaned_data)
        obj.pk = original.pk


def _address(url: str) -> str:
    return public_address(url) or "— (a local file: no web address)"


class SightingInline(admin.TabularInline):
    model = Sighting
    extra = 0
    fields = ("address", "source", "title", "published", "similarity")
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("URL"))
    def address(self, obj):
        return _address(obj.url)


class ArticleCorrectionForm(forms.ModelForm):
    """What an analyst may correct about an article, and why (kept in its history). The
    address starts empty for a local file, whose internal key is never shown."""

    address = forms.URLField(
        label=_("URL"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("Where it was published (http or https). Leave empty to keep it as it is."),
    )
    change_reason = forms.CharField(
        max_length=100,
        label=_("Reason for this change"),
        help_text=_("Kept in the history with your name, e.g. 'Title per the outlet's page'."),
    )

    class Meta:
        model = Article
        fields = ["title", "outlet", "published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["address"] = public_address(self.instance.url)

    def corrections(self) -> dict:
        """The changed fields, as ``article_correct`` takes them."""
        names = {"address": "url", "title": "title", "outlet": "outlet", "published": "published"}
        return {names[n]: self.cleaned_data[n] for n in self.changed_data if n in names}


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """What the pipeline stored. Analysts correct the title, URL, outlet and date (with a
    reason, through ``ingest.services.article_correct``); the text and what was understood
    from it change only by reprocessing (``manage.py reprocess_articles``)."""

    form = ArticleCorrectionForm
    list_display = ("__str__", "outlet", "published", "language", "status", "source")
    list_filter = ("status", "language", "source")
    search_fields = ("title", "outlet", "url", "text")
    date_hierarchy = "published"
    fields = (
        "title",
        "address",
        "outlet",
        "published",
        "change_reason",
        "source",
        "language",
        "status",
        "text",
        "raw_content_type",
        "error",
        "extraction",
        "pipeline_version",
        "fetched",
        "processed",
    )
    readonly_fields = (
        "source",
        "language",
        "text",
        "raw_content_type",
        "status",
        "error",
        "extraction",
        "pipeline_version",
        "fetched",
        "processed",
    )
    inlines = [SightingInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("URL"))
    def address(self, obj):
        """The address, as a reader sees it (shown so when the page is read-only)."""
        return _address(obj.url)

    def save_model(self, request, obj, form, change):
        original = Article.objects.get(pk=obj.pk)
        services.article_correct(
            article=original,
            data=form.corrections(),
            user=request.user,
            reason=form.cleaned_data["change_reason"],
        )
        obj.refresh_from_db()

    # A deleted article leaves the lists, counts and pages readers may have kept.
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        data_changed()


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin):
    """Where each article was seen, as the pipeline recorded it: read-only (its page shows no
    Save button); correct an article through the article's page."""

    list_display = ("address", "article", "source", "published", "similarity")
    search_fields = ("url", "title")
    fields = ("address", "article", "source", "title", "published", "similarity", "seen")
    readonly_fields = fields

    @admin.display(description=_("URL"))
    def address(self, obj):
        return _address(obj.url)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
