from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("subscriptions/", views.mine, name="mine"),
    path("subscriptions/new/", views.subscribe, name="subscribe"),
    path("subscriptions/confirm/<slug:token>/", views.confirm, name="confirm"),
    path("subscriptions/unsubscribe/<slug:token>/", views.unsubscribe, name="unsubscribe"),
    path("subscriptions/manage/<slug:token>/", views.manage, name="manage"),
]
