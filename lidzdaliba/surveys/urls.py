from django.urls import path

from .views import drafts, importing, officer, public

app_name = "surveys"
urlpatterns = [
    path("surveys/", public.survey_list, name="list"),
    path("surveys/<int:pk>/", public.survey_detail, name="detail"),
    path("surveys/<int:pk>/saved/", drafts.draft_saved, name="draft_saved"),
    path("surveys/<int:pk>/resume/<str:token>/", drafts.draft_resume, name="resume"),
    path("surveys/i/<str:token>/", public.survey_invitation, name="invitation"),
    path("surveys/<int:pk>/results/", public.survey_results, name="results"),
    path(
        "surveys/<int:pk>/results/<int:question_id>.svg",
        public.chart_download,
        {"fmt": "svg"},
        name="chart_svg",
    ),
    path(
        "surveys/<int:pk>/results/<int:question_id>.png",
        public.chart_download,
        {"fmt": "png"},
        name="chart_png",
    ),
    path(
        "surveys/<int:pk>/results/<int:question_id>/answers/",
        public.text_answers,
        name="answers",
    ),
    path("officer/surveys/", officer.desk, name="desk"),
    path("officer/surveys/import/", importing.import_survey, name="import"),
    path("officer/surveys/<int:pk>/", officer.build, name="build"),
    path("officer/surveys/<int:pk>/preview/", officer.preview, name="preview"),
    path("officer/surveys/<int:pk>/copy/", officer.copy, name="copy"),
    path("officer/surveys/<int:pk>/export.<str:fmt>", officer.export, name="export"),
]
