"""Every error is application/problem+json (RFC 9457) and every answer carries API-Version."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from eenplan.api import views

from .conftest import client_for

pytestmark = pytest.mark.django_db


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["type"].startswith("https://")
    return body


def test_unknown_address_under_the_api_is_a_problem_not_a_page(world):
    client = client_for(world.users["regisseur"])
    body = assert_problem(client.get("/api/v1/nope"), 404)
    assert body["instance"] == "/api/v1/nope"
    assert_problem(client.get("/api/v1/huishoudens/"), 404)  # no trailing slashes
    assert_problem(APIClient().get("/api/v1/nope/deeper"), 404)


def test_not_logged_in_is_401_with_a_challenge():
    response = APIClient().get(reverse("api:household-list"))
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_wrong_token_is_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_problem(client.get(reverse("api:household-list")), 401)


def test_method_not_allowed_is_405(world):
    response = client_for(world.users["regisseur"]).delete(reverse("api:household-list"))
    assert_problem(response, 405)


def test_format_other_than_json_is_406(world):
    response = client_for(world.users["regisseur"]).get(
        reverse("api:household-list"), HTTP_ACCEPT="application/xml"
    )
    assert_problem(response, 406)


def test_body_other_than_json_is_415(world):
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), "voornamen=Jan", content_type="text/plain"
    )
    assert_problem(response, 415)


def test_malformed_json_is_400_without_invalid_params(world):
    response = client_for(world.users["regisseur"]).post(
        reverse("api:household-list"), '{"adres": ', content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert "invalidParams" not in body
    assert "JSON" in body["detail"]


def test_too_many_requests_is_429_with_retry_after(world, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "allow_request", lambda self, request, view: False)
    monkeypatch.setattr(UserRateThrottle, "wait", lambda self: 30)
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    assert_problem(response, 429)
    assert response["Retry-After"] == "30"


def test_unexpected_error_is_500_without_internals(world, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(views, "household_caseload", broken)
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    body = assert_problem(response, 500)
    assert "hunter2" not in response.content.decode()
    assert body["instance"] == "/api/v1/huishoudens"
    assert any("hunter2" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_forbidden_is_403(world):
    response = client_for(world.users["resident"]).get(reverse("api:organisation-list"))
    assert_problem(response, 403)


def test_successful_answers_carry_the_version_too(world):
    response = client_for(world.users["regisseur"]).get(reverse("api:household-list"))
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response["Content-Type"] == "application/json"


def test_helpers_for_the_root_error_handlers_answer_problems(rf):
    # core's handler404/handler500 delegate here for paths under /api/ outside /api/v1/.
    from eenplan.api.errors import not_found, server_error

    request = rf.get("/api/v2/huishoudens")
    missing = not_found(request)
    broken = server_error(request)
    assert (missing.status_code, broken.status_code) == (404, 500)
    assert missing["Content-Type"] == broken["Content-Type"] == "application/problem+json"
    assert json.loads(broken.content)["instance"] == "/api/v2/huishoudens"
