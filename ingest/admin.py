from django.contrib import admin

from ingest.models import Article, Sighting, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "url",
        "active",
        "poll_interval",
        "last_success",
        "failure_count",
        "last_error_code",
    )
    list_filter = ("kind", "active", "last_error_code")
    search_fields = ("name", "url")
    readonly_fields = (
        "etag",
        "last_modified",
        "last_polled",
        "next_poll_at",
        "last_success",
        "last_error",
        "last_error_code",
        "failure_count",
        "created",
    )


class SightingInline(admin.TabularInline):
    model = Sighting
    extra = 0
    fields = ("url", "source", "title", "published", "similarity")
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "published", "language", "status", "source")
    list_filter = ("status", "language", "source")
    search_fields = ("title", "url", "text")
    date_hierarchy = "published"
    exclude = ("raw", "fingerprint")
    readonly_fields = ("content_hash", "fetched", "processed", "pipeline_version")
    inlines = [SightingInline]


@admin.register(Sighting)
class SightingAdmin(admin.ModelAdmin):
    list_display = ("url", "article", "source", "published", "similarity")
    search_fields = ("url", "title")
    raw_id_fields = ("article",)
