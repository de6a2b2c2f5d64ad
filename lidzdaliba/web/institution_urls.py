"""URLs of the `institutions` namespace: public pages (web) and the roles page."""

from django.urls import path

from lidzdaliba.institutions import views as role_views

from . import institution_views

app_name = "institutions"
urlpatterns = [
    path("", institution_views.institution_index, name="list"),
    path("<slug:slug>/", institution_views.institution_detail, name="detail"),
    path("<slug:slug>/officers/", role_views.institution_roles, name="roles"),
]
