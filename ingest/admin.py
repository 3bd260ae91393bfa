from django.contrib import admin
from django.utils.html import format_html

from ingest import services
from ingest.models import SOURCE_POLL_STATE_FIELDS, Article, Sighting, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Feeds and pages to poll; the health column shows at a glance which ones are failing."""

    list_display = ("name", "health", "kind", "active", "poll_interval", "last_success", "url")
    list_filter = ("active", "kind", "last_error_code")
    search_fields = ("name", "url")
    readonly_fields = ("etag", "last_modified", *SOURCE_POLL_STATE_FIELDS, "created")

    @admin.display(description="Health", ordering="failure_count")
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


class SightingInline(admin.TabularInline):
    model = Sighting
    extra = 0
    fields = ("url", "source", "title", "published", "similarity")
    readonly_fields = fields
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """What the pipeline stored. Read-only: the text and what was understood from it change
    only by reprocessing (``manage.py reprocess_articles``)."""

    list_display = ("__str__", "published", "language", "status", "source")
    list_filter = ("status", "language", "source")
    search_fields = ("title", "url", "text")
    date_hierarchy = "published"
    exclude = ("raw", "fingerprint")
    readonly_fields = (
        "url",
        "canonical_url",
        "source",
        "title",
        "published",
        "language",
        "text",
        "content_hash",
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


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin):
    list_display = ("url", "article", "source", "published", "similarity")
    search_fields = ("url", "title")
    raw_id_fields = ("article",)
