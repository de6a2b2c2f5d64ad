from django.urls import path

from . import views, views_documents

app_name = "councils"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/apply/", views.body_apply, name="apply"),
    path("bodies/<int:pk>/applications/", views.body_applications, name="applications"),
    path("bodies/<int:pk>/meetings/new/", views.body_meeting_create, name="meeting_create"),
    path(
        "bodies/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/<int:pk>/answer/",
        views.recommendation_answer,
        name="recommendation_answer",
    ),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.subject_meeting_create, name="subject_meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/register/", views.meeting_register, name="register"),
    path("meetings/<int:pk>/unregister/", views.meeting_unregister, name="unregister"),
    path("meetings/<int:pk>/agenda/items/", views.meeting_agenda_item, name="agenda_item"),
    path("meetings/<int:pk>/agenda/publish/", views.meeting_agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("officer/bodies/", views.secretary_desk, name="desk"),
]

# Documents, answers to questions and calls for members (views_documents.py).
urlpatterns += [
    path(
        "meetings/<int:pk>/minutes.<str:fmt>",
        views_documents.meeting_minutes_export,
        name="minutes_export",
    ),
    path(
        "bodies/<int:pk>/members.<str:fmt>",
        views_documents.body_members_export,
        name="members_export",
    ),
    path("meetings/<int:pk>/questions/", views_documents.meeting_questions, name="questions"),
    path("bodies/<int:pk>/call/", views_documents.body_call, name="call"),
    path("bodies/<int:pk>/call/close/", views_documents.body_call_close, name="call_close"),
]
