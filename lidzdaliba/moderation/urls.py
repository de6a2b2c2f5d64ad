from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("opinions/<int:pk>/report/", views.report, name="report"),
    path("opinions/<int:pk>/hide/", views.hide, name="hide"),
    path("opinions/<int:pk>/restore/", views.restore, name="restore"),
    path("opinions/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("opinions/<int:pk>/uphold/", views.uphold, name="uphold"),
    path("moderators/", views.moderators, name="moderators"),
    path("moderators/<int:user_id>/remove/", views.moderator_remove, name="moderator_remove"),
]
