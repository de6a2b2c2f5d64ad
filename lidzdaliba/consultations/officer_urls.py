from django.urls import path

from .views import desk, officer

app_name = "officer"
urlpatterns = [
    path("", desk.dashboard, name="dashboard"),
    path("consultations/new/", officer.consultation_create, name="create"),
    path("consultations/<int:pk>/", officer.consultation_manage, name="manage"),
    path("consultations/<int:pk>/edit/", officer.consultation_edit, name="edit"),
    path("consultations/<int:pk>/publish/", officer.consultation_publish, name="publish"),
    path("consultations/<int:pk>/versions/new/", officer.version_create, name="version_create"),
    path(
        "consultations/<int:pk>/attachments/new/",
        officer.attachment_create,
        name="attachment_create",
    ),
    path("consultations/<int:pk>/answers/", officer.answers, name="answers"),
    path(
        "consultations/<int:pk>/feedback/publish/",
        officer.feedback_publish,
        name="feedback_publish",
    ),
    path("consultations/<int:pk>/decision/", officer.decision, name="decision"),
    path("opinions/<int:pk>/answer/", officer.answer, name="answer"),
]
