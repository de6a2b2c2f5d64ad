from django.urls import path

from . import views

app_name = "benchsupport"
urlpatterns = [
    path("read/", views.read, name="read"),
    path("insert/", views.insert, name="insert"),
]
