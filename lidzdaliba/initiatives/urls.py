from django.urls import path

from .views import officer, public

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
    path("initiatives/cosponsor/<str:token>/", public.cosponsor_accept, name="cosponsor_accept"),
    path("initiatives/documents/<int:pk>/", public.answer_document, name="answer_document"),
]
