from django.urls import path

from . import views

app_name = "institutions"
urlpatterns = [
    path("", views.institution_index, name="list"),
    path("<slug:slug>/", views.institution_detail, name="detail"),
    path("<slug:slug>/officers/", views.institution_roles, name="roles"),
]
