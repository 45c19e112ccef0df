"""The map of eenplan's addresses. Each app owns what is below its prefix."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("eenplan.core.urls")),
    path("account/", include("eenplan.accounts.urls")),
    path("huishoudens/", include("eenplan.households.urls")),
    path("metingen/", include("eenplan.assessments.urls")),
    path("signalen/", include("eenplan.signalering.urls")),
    path("privacy/", include("eenplan.privacy.urls")),
    path("cijfers/", include("eenplan.areas.urls")),
    path("begrippen/", include("eenplan.taxonomy.urls")),
    path("mijn/", include("eenplan.portal.urls")),
    # Reminders, and the important days under huishoudens/<uuid>/belangrijke-dagen/.
    path("", include("eenplan.reminders.urls")),
    path("api/v1/", include("eenplan.api.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "eenplan.core.views.error_403"
handler404 = "eenplan.core.views.error_404"
handler500 = "eenplan.core.views.error_500"
