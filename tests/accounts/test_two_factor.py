"""The second factor: enrolment and codes at login, required for administrators and staff, optional for others."""

import re
import time

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.totp import code_now, key_of_secret
from vigil.accounts.models import LoginFailure
from vigil.accounts.views import PENDING
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
LOGIN, STEP, ENROL = reverse("workspace:login"), reverse("accounts:two_factor"), reverse("accounts:enrol")


@pytest.fixture
def admin(db):
    return user_create(username="operator", password=PASSWORD, admin=True)


def password_step(client: Client, username: str, next_url: str = ""):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, "next": next_url})


def secret_on(page) -> bytes:
    return key_of_secret(re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.content.decode()).group(1))


def test_an_administrator_without_a_device_enrols_before_the_login_opens(client, admin):
    response = password_step(client, "operator", "/admin/")

    assert response["Location"] == STEP
    assert "_auth_user_id" not in client.session  # the password alone opened nothing
    page = client.get(STEP)
    html = page.content.decode()
    assert "Set up two-factor login" in html and "<svg" in html
    assert client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0].startswith(LOGIN)

    wrong = client.post(STEP, {"token": "000000" if code_now(secret_on(page)) != "000000" else "111111"})
    assert "That code is not right" in wrong.content.decode() and "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username_key="operator").count() == 1

    response = client.post(STEP, {"token": code_now(secret_on(page))})
    assert response["Location"] == "/admin/"
    device = TOTPDevice.objects.get(user=admin)
    assert device.confirmed and device.bin_key == secret_on(page)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("admin:index")).status_code == 200
    assert not LoginFailure.objects.filter(username_key="operator").exists()


def test_an_enrolled_administrator_gives_a_code_and_a_code_is_used_once(client, admin):
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_step(client, "operator")
    page = client.get(STEP).content.decode()
    assert "Enter your code" in page and "<svg" not in page  # the secret is never shown again

    code = code_now(device.bin_key)
    assert client.post(STEP, {"token": code})["Location"] == reverse("workspace:inbox")
    client.logout()

    other = Client()
    password_step(other, "operator")
    replay = other.post(STEP, {"token": code})
    assert "That code is not right, or was used already" in replay.content.decode()
    assert "_auth_user_id" not in other.session


@pytest.mark.parametrize("token", ["", "12345", "abcdef", "1234567"])
def test_a_malformed_code_is_explained_and_not_counted(client, admin, token):
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_step(client, "operator")

    response = client.post(STEP, {"token": token})

    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert not LoginFailure.objects.exists()


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, admin, settings):
    settings.VIGIL_LOCKOUT_ATTEMPTS = 2
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_step(client, "operator")
    right = code_now(device.bin_key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    client.post(STEP, {"token": wrong})
    client.post(STEP, {"token": wrong})

    response = client.post(STEP, {"token": right})

    assert response.status_code == 429 and "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_second_step_expires(client, admin):
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    password_step(client, "operator")
    session = client.session
    session[PENDING] = {**session[PENDING], "at": int(time.time()) - 301}
    session.save()

    response = client.post(STEP, {"token": code_now(device.bin_key)})

    assert response["Location"] == LOGIN and "_auth_user_id" not in client.session
    assert "the time for the second step ran out" in client.get(LOGIN).content.decode()
    assert client.get(STEP)["Location"] == LOGIN  # and nothing is pending any more


def test_the_second_step_without_a_password_first_sends_to_the_login(client, admin):
    assert client.get(STEP)["Location"] == LOGIN
    assert "ran out" not in client.get(LOGIN).content.decode()


def test_a_user_who_is_not_staff_logs_in_with_the_password_and_may_turn_two_factor_on(client, db):
    user = get_user_model().objects.create_user(username="viewer", password=PASSWORD)

    assert password_step(client, "viewer")["Location"] == reverse("workspace:inbox")
    page = client.get(ENROL)
    assert "Turn on" in page.content.decode()
    client.post(ENROL, {"token": code_now(secret_on(page))}, follow=True)
    assert TOTPDevice.objects.get(user=user).confirmed
    client.logout()

    assert password_step(client, "viewer")["Location"] == STEP  # from now on the code is asked for
    assert "_auth_user_id" not in client.session


def test_a_staff_session_without_the_second_factor_is_ended(client, admin):
    # a session opened some other way (from before two-factor was required): logged out at its next request
    session = client.session
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(admin.pk), "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session["vigil_login_at"] = session["vigil_seen_at"] = int(time.time())
    session.save()

    response = client.get(reverse("workspace:acts"))

    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_the_admin_login_page_is_vigils_login(client):
    assert client.get(reverse("admin:login") + "?next=/admin/records/")["Location"] == (
        LOGIN + "?next=%2Fadmin%2Frecords%2F"
    )
