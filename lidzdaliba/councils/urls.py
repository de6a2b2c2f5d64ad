
app_name = "councils"
urlpatterns: list = []
