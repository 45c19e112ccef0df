import pytest
from django.db import OperationalError, connection
from django.db.utils import ConnectionHandler
from django.urls import reverse

from eenplan.core.health import database_status


@pytest.mark.django_db
def test_health_reports_ok_when_the_database_answers(client):
    response = client.get(reverse("core:health"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_needs_no_login(client):
    response = client.get("/health")

    assert response.status_code == 200


@pytest.mark.django_db
def test_database_status_is_unavailable_for_a_database_that_cannot_be_opened(tmp_path):
    # A real SQLite connection whose file lies in a folder that does not exist: opening it fails
    # with Django's OperationalError, as an unreachable server would.
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(tmp_path / "missing-folder" / "eenplan.sqlite3"),
            }
        }
    )
    broken = handler["default"]
    try:
        assert database_status(broken) == "unavailable"
    finally:
        broken.close()


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("core:health"))

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert "no-store" in response["Cache-Control"]


def test_health_refuses_writes(client):
    response = client.post("/health")

    assert response.status_code == 405
