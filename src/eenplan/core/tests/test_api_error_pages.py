"""Addresses under /api/ that no API route catches still answer problem+json, not an HTML page."""

import pytest
from django.test import RequestFactory

from eenplan.core.views import error_404, error_500


@pytest.mark.parametrize("path", ["/api/", "/api/v2/huishoudens"])
def test_api_paths_get_problem_json_404(path):
    response = error_404(RequestFactory().get(path), Exception())
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_api_paths_get_problem_json_500():
    response = error_500(RequestFactory().get("/api/v1/huishoudens"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_pages_keep_the_html_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
