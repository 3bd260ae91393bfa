from django.urls import path

from dashboard import feeds, views
from dashboard.caching import cached_page

app_name = "dashboard"

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("charts/timeline.json", views.timeline_json_view, name="timeline-json"),
    path("rounds/", cached_page(views.round_list_view), name="round-list"),
    path("rounds/<int:number>/", cached_page(views.round_detail_view), name="round-detail"),
    path("statements/<int:pk>/", cached_page(views.statement_detail_view), name="statement-detail"),
    path("events/", cached_page(views.event_list_view), name="event-list"),
    path("events/<slug:slug>/", cached_page(views.event_detail_view), name="event-detail"),
    path("zones/", cached_page(views.zone_list_view), name="zone-list"),
    path("zones/<slug:slug>/", cached_page(views.zone_detail_view), name="zone-detail"),
    path("attendance/", cached_page(views.attendance_view), name="attendance"),
    path("search/", views.search_view, name="search"),
    path("articles/", cached_page(views.article_list_view), name="article-list"),
    path("feeds/latest.atom", feeds.LatestRecordsFeed(), name="feed-atom"),
    path("feeds/meetings.ics", feeds.meetings_calendar, name="feed-ics"),
    path("feeds/rounds.ics", feeds.rounds_calendar, name="feed-rounds-ics"),
]
