from django.urls import path

from dashboard import feeds, views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("charts/timeline.json", views.timeline_json_view, name="timeline-json"),
    path("rounds/", views.round_list_view, name="round-list"),
    path("rounds/<int:number>/", views.round_detail_view, name="round-detail"),
    path("statements/<int:pk>/", views.statement_detail_view, name="statement-detail"),
    path("events/", views.event_list_view, name="event-list"),
    path("events/<slug:slug>/", views.event_detail_view, name="event-detail"),
    path("zones/", views.zone_list_view, name="zone-list"),
    path("zones/<slug:slug>/", views.zone_detail_view, name="zone-detail"),
    path("attendance/", views.attendance_view, name="attendance"),
    path("search/", views.search_view, name="search"),
    path("articles/", views.article_list_view, name="article-list"),
    path("feeds/latest.atom", feeds.LatestRecordsFeed(), name="feed-atom"),
    path("feeds/meetings.ics", feeds.meetings_calendar, name="feed-ics"),
    path("feeds/rounds.ics", feeds.rounds_calendar, name="feed-rounds-ics"),
    path("favicon.ico", views.FaviconRedirectView.as_view(), name="favicon"),
]
