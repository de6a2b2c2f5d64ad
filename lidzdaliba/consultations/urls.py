from django.urls import path

from .views import my_opinions, public

app_name = "consultations"
urlpatterns = [
    path("consultations/", public.consultation_list, name="list"),
    path("consultations/<int:pk>/", public.consultation_detail, name="detail"),
    path("consultations/<int:pk>/opinions/new/", public.opinion_create, name="opinion_create"),
    path("consultations/<int:pk>/feedback/", public.feedback_table, name="feedback"),
    path(
        "consultations/<int:pk>/versions/<int:number>/changes/",
        public.version_diff,
        name="version_diff",
    ),
    path(
        "consultations/<int:pk>/versions/<int:number>/source/",
        public.version_source_download,
        name="version_source",
    ),
    path("attachments/<int:pk>/", public.attachment_download, name="attachment"),
    path("opinions/<int:pk>/", public.opinion_detail, name="opinion"),
    path("opinions/<int:pk>/edit/", my_opinions.opinion_edit_view, name="opinion_edit"),
    path("opinions/<int:pk>/withdraw/", my_opinions.opinion_withdraw_view, name="opinion_withdraw"),
    path("my-opinions/", my_opinions.my_opinions, name="my_opinions"),
    path("opinions/<int:pk>/review/", public.review_request, name="review_request"),
    path(
        "opinions/attachments/<int:pk>/",
        public.opinion_attachment_download,
        name="opinion_attachment",
    ),
]
