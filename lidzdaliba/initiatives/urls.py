from django.urls import path

from .views import integrity, manage, officer, public

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", public.initiative_list, name="list"),
    path("initiatives/new/", public.initiative_create, name="create"),
    path("initiatives/mine/", public.mine, name="mine"),
    path("initiatives/desk/", officer.moderation_queue, name="queue"),
    path("initiatives/<int:pk>/", public.initiative_detail, name="detail"),
    path("initiatives/<int:pk>/edit/", public.initiative_edit, name="edit"),
    path("initiatives/<int:pk>/cosponsors/", public.cosponsors, name="cosponsors"),
    path("initiatives/<int:pk>/submit/", public.initiative_submit, name="submit"),
    path("initiatives/<int:pk>/withdraw/", public.initiative_withdraw, name="withdraw"),
    path("initiatives/<int:pk>/sign/", public.sign, name="sign"),
    path("initiatives/<int:pk>/unsign/", public.unsign, name="unsign"),
    path("initiatives/<int:pk>/moderate/", officer.moderate, name="moderate"),
    path("initiatives/<int:pk>/consider/", officer.consider, name="consider"),
    path("initiatives/<int:pk>/answer/", officer.answer, name="answer"),
    path("initiatives/<int:pk>/milestones/", officer.milestone_add, name="milestone_add"),
    path("initiatives/<int:pk>/implemented/", officer.implemented, name="implemented"),
    path("initiatives/<int:pk>/paper/", officer.paper_batch, name="paper_batch"),
    path("initiatives/<int:pk>/signatures/export/", officer.signatures_export, name="export"),
    path("initiatives/<int:pk>/signatures/", integrity.signatures, name="signatures"),
    path(
        "initiatives/<int:pk>/signatures/<int:signature_id>/invalidate/",
        integrity.invalidate_one,
        name="invalidate_one",
    ),
    path(
        "initiatives/<int:pk>/signatures/invalidate/",
        integrity.invalidate_rule,
        name="invalidate_rule",
    ),
    path("initiatives/<int:pk>/trends/", integrity.signature_trends, name="trends"),
    path("initiatives/<int:pk>/attachments/", manage.attachments, name="attachments"),
    path(
        "initiatives/<int:pk>/attachments/<int:attachment_id>/remove/",
        manage.attachment_remove,
        name="attachment_remove",
    ),
    path("initiatives/files/<int:attachment_id>/", manage.attachment_download, name="file"),
    path("initiatives/rules/", manage.rules_index, name="rules"),
    path("initiatives/rules/<slug:slug>/<str:kind>/", manage.rules_edit, name="rules_edit"),
    path("initiatives/cosponsor/<str:token>/", public.cosponsor_accept, name="cosponsor_accept"),
    path("initiatives/documents/<int:pk>/", public.answer_document, name="answer_document"),
]
