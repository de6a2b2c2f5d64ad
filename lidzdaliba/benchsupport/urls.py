app_name = "benchsupport"
urlpatterns: list = []
