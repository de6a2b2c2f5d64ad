from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("indicators/", views.public_indicators, name="public"),
    path("indicators/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path(
        "indicators/export-groups.csv",
        views.export,
        {"fmt": "csv", "table": "groups"},
        name="export_groups_csv",
    ),
    path("indicators/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path(
        "indicators/charts/<slug:chart_id>.svg",
        views.chart_download,
        {"fmt": "svg"},
        name="chart_svg",
    ),
    path(
        "indicators/charts/<slug:chart_id>.png",
        views.chart_download,
        {"fmt": "png"},
        name="chart_png",
    ),
    path("indicators/open-data/indicators.csv", views.open_data_csv, name="open_data_csv"),
    path("indicators/open-data/dcat.jsonld", views.open_data_metadata, name="open_data_metadata"),
    path("officer/indicators/", views.dashboard, name="dashboard"),
    path("officer/indicators/reports/new/", views.report_new, name="report_new"),
    path("officer/indicators/reports/<int:pk>/", views.report_detail, name="report"),
    path("officer/indicators/reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("officer/indicators/reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("officer/indicators/reports/<int:pk>/docx/", views.report_docx, name="report_docx"),
]
