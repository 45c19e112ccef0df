"""Dutch by default, whatever the browser asks; English only when chosen with the switch."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_english_browser_still_gets_dutch(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert b'lang="nl"' in response.content


def test_language_switch_is_honoured(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert response["Content-Language"] == "en"
    assert b'lang="en"' in response.content


def test_unknown_cookie_value_falls_back_to_dutch(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(reverse("accounts:login"))
    assert response["Content-Language"] == "nl"
