"""eenplan's own URLs plus `/bench/bare`, a view that does nothing but go through the middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from eenplan.urls import urlpatterns as eenplan_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare, name="bench-bare"), *eenplan_urlpatterns]
