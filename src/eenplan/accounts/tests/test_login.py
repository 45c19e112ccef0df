"""Logging in: password, lock-out, the TOTP second step, and the required mode."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import UserFactory, professional

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The code an authenticator app would show now (offset in steps of 30 s)."""
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset,
    )
    return f"{value:0{device.digits}d}"


def login(client, username, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_login_page_is_dutch_and_labelled(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="nl"' in content
    assert '<label class="utrecht-form-label" for="id_username">Gebruikersnaam</label>' in content
    assert 'autocomplete="current-password"' in content


def test_login_with_password_goes_home(client):
    user = professional(Role.REGISSEUR)
    response = login(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_keeps_a_safe_next_and_ignores_an_unsafe_one(client):
    user = professional()
    assert login(client, user.username, next="/huishoudens/")["Location"] == "/huishoudens/"
    client.logout()
    assert login(client, user.username, next="https://evil.example/")["Location"] == "/"


def test_wrong_password_gives_dutch_error_and_no_session(client):
    user = professional()
    response = login(client, user.username, password="wrong-password")
    assert response.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_form_shows_field_errors_linked_from_summary(client):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    content = response.content.decode()
    assert 'href="#id_username"' in content
    assert 'aria-invalid="true"' in content
    assert 'aria-describedby="id_username_error"' in content


def test_too_many_failures_lock_the_account(client):
    user = professional()
    for _ in range(5):
        login(client, user.username, password="wrong-password")
    response = login(client, user.username)  # even the right password is refused now
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client):
    user = professional()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.fixture
def user_with_device():
    user = professional()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def test_password_alone_does_not_log_in_a_user_with_a_device(client, user_with_device):
    user, _device = user_with_device
    response = login(client, user.username, next="/huishoudens/")
    assert response["Location"] == reverse("accounts:second_factor")
    assert "_auth_user_id" not in client.session
    # Other pages still need a login.
    assert client.get(reverse("households:caseload"))["Location"].startswith(
        reverse("accounts:login")
    )


def test_totp_code_completes_the_login(client, user_with_device):
    user, device = user_with_device
    login(client, user.username, next="/huishoudens/")
    page = client.get(reverse("accounts:second_factor"))
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert response.status_code == 302
    assert response["Location"] == "/huishoudens/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.get("otp_device_id") == device.persistent_id


def test_wrong_totp_code_is_refused_in_dutch(client, user_with_device):
    user, device = user_with_device
    login(client, user.username)
    wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
    response = client.post(reverse("accounts:second_factor"), {"token": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_malformed_code_is_a_field_error(client, user_with_device):
    user, _ = user_with_device
    login(client, user.username)
    response = client.post(reverse("accounts:second_factor"), {"token": "12ab"})
    assert "Vul de 6 cijfers van de code in." in response.content.decode()


def test_second_factor_without_password_step_goes_to_login(client):
    assert client.get(reverse("accounts:second_factor"))["Location"] == reverse("accounts:login")


def test_pending_second_factor_expires(client, user_with_device, monkeypatch):
    user, device = user_with_device
    login(client, user.username)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 10 * 60)
    response = client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_setup_shows_qr_and_secret_and_confirms_with_code(client):
    user = professional()
    client.force_login(user)
    page = client.get(reverse("accounts:second_factor_setup"))
    content = page.content.decode()
    assert "<svg" in content and "QR-code" in content
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in content
    response = client.post(reverse("accounts:second_factor_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.session.get("otp_device_id") == device.persistent_id


def test_setup_refuses_a_wrong_code(client):
    user = professional()
    client.force_login(user)
    client.get(reverse("accounts:second_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
    response = client.post(reverse("accounts:second_factor_setup"), {"token": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed


def test_required_mode_sends_professional_without_device_to_setup(client, settings):
    settings.EENPLAN_REQUIRE_SECOND_FACTOR = True
    user = professional()
    response = login(client, user.username)
    assert response["Location"] == reverse("accounts:second_factor_setup")
    # Every other page sends an unverified professional back to the second step.
    blocked = client.get(reverse("households:caseload"))
    assert blocked.status_code == 302
    assert blocked["Location"] == reverse("accounts:second_factor")
    assert client.get(blocked["Location"])["Location"] == reverse("accounts:second_factor_setup")


def test_required_mode_lets_verified_professional_through(client, settings, user_with_device):
    settings.EENPLAN_REQUIRE_SECOND_FACTOR = True
    user, device = user_with_device
    login(client, user.username)
    client.post(reverse("accounts:second_factor"), {"token": code_for(device)})
    assert client.get(reverse("households:caseload")).status_code == 200


def test_required_mode_leaves_residents_alone(client, settings):
    settings.EENPLAN_REQUIRE_SECOND_FACTOR = True
    resident_user = UserFactory()
    response = login(client, resident_user.username)
    assert response["Location"] == reverse("core:home")


def test_demo_mode_does_not_force_setup(client, settings):
    settings.EENPLAN_REQUIRE_SECOND_FACTOR = False
    user = professional()
    login(client, user.username)
    assert client.get(reverse("households:caseload")).status_code == 200
