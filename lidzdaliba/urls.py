from allauth.account.views import RequestReauthenticationCodeView
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from lidzdaliba.accounts.allauth_forms import RequestReauthenticationCodeForm
from lidzdaliba.api.main import api
from lidzdaliba.institutions import views as institution_views
from lidzdaliba.web import metrics as web_metrics
from lidzdaliba.web import views as web_views

handler400 = "lidzdaliba.web.views.bad_request"
handler403 = "lidzdaliba.web.views.permission_denied"
handler404 = "lidzdaliba.web.views.page_not_found"
handler500 = "lidzdaliba.web.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # allauth's view with a form whose field is labelled in the site's languages (allauth
    # has no setting for this form); before allauth's own URLs, so it is the one served.
    path(
        "accounts/reauthenticate/code/",
        RequestReauthenticationCodeView.as_view(form_class=RequestReauthenticationCodeForm),
        name="account_request_reauthentication_code",
    ),
    path("accounts/", include("allauth.urls")),
    path("profile/groups/", institution_views.declared_groups, name="declared_groups"),
    path("profile/", include("lidzdaliba.accounts.urls")),
    path("language/", web_views.set_language, name="set_language"),
    path("healthz", web_views.healthz, name="healthz"),
    path("metrics", web_metrics.metrics, name="metrics"),
    path("api/v1/", api.urls),
    path("officer/", include("lidzdaliba.consultations.officer_urls")),
    path("officer/audit/", include("lidzdaliba.audit.urls")),
    path("moderation/", include("lidzdaliba.moderation.urls")),
    path("institutions/", include("lidzdaliba.web.institution_urls")),
    path("", include("lidzdaliba.consultations.urls")),
    path("", include("lidzdaliba.councils.urls")),
    path("", include("lidzdaliba.initiatives.urls")),
    path("", include("lidzdaliba.surveys.urls")),
    path("", include("lidzdaliba.search.urls")),
    path("", include("lidzdaliba.notifications.urls")),
    path("", include("lidzdaliba.notifications.feed_urls")),
    path("", include("lidzdaliba.monitoring.urls")),
    path("", include("lidzdaliba.web.urls")),
]

if settings.BENCH_VIEWS:
    urlpatterns.insert(0, path("bench/", include("lidzdaliba.benchsupport.urls")))
