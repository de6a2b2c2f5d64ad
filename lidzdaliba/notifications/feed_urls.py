"""Atom feeds and iCalendar files of consultations (included at the site root)."""

from django.urls import path

from . import calendar, feeds

app_name = "feeds"
urlpatterns = [
    path("feeds/consultations.atom", feeds.consultation_feed, name="consultations"),
    path("feeds/links/", feeds.feed_links, name="links"),
    path("institutions/<slug:slug>/feed.atom", feeds.institution_feed, name="institution"),
    path("calendar.ics", calendar.consultation_calendar, name="calendar"),
    path(
        "institutions/<slug:slug>/calendar.ics",
        calendar.institution_calendar,
        name="institution_calendar",
    ),
]
