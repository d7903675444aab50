"""The lockout after repeated failed logins, per user name and per client address."""

from datetime import timedelta

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.test import Client, override_settings
from django.urls import reverse

from vigil.accounts.models import LoginFailure
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
LOGIN = reverse("workspace:login")


@pytest.fixture
def reader(db):
    """Return a user who needs no second factor (not staff): the password alone logs in."""
    user = user_create(username="reader", password=PASSWORD)
    user.is_staff = False
    user.save()
    return user


def attempt(client: Client, username: str, password: str, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=3)
def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(client, reader):
    for _ in range(2):
        assert "did not match" in attempt(client, "reader", "wrong").content.decode()
    third = attempt(client, "reader", "wrong")

    assert third.status_code == 429
    assert "Too many failed logins for this user name. Try again in 15 minutes." in third.content.decode()
    right = attempt(client, "reader", PASSWORD)
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username_key="reader").count() == 3  # refused tries are not counted


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=3)
def test_the_user_name_is_counted_case_folded_and_unknown_names_alike(client, reader):
    for name in ("Reader", "READER", "reader"):
        attempt(client, name, "wrong")
    assert attempt(client, "reader", PASSWORD).status_code == 429

    for _ in range(3):
        attempt(client, "nobody-by-this-name", "wrong")
    assert "Too many failed logins" in attempt(client, "nobody-by-this-name", "x").content.decode()


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=3)
def test_the_lockout_expires(client, reader):
    for _ in range(3):
        attempt(client, "reader", "wrong")
    assert attempt(client, "reader", PASSWORD).status_code == 429

    LoginFailure.objects.update(at=LoginFailure.objects.first().at - timedelta(minutes=16))

    response = attempt(client, "reader", PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(reader.pk)
    assert not LoginFailure.objects.filter(username_key="reader").exists()  # a full login clears the account's


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=100, VIGIL_LOCKOUT_ADDRESS_ATTEMPTS=4)
def test_an_address_is_locked_whatever_x_forwarded_for_it_sends(client, reader):
    for n in range(4):
        attempt(client, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")

    response = attempt(client, "reader", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429
    assert "Too many failed logins from this network" in response.content.decode()
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"127.0.0.1"}
    assert attempt(Client(REMOTE_ADDR="203.0.113.9"), "reader", PASSWORD).status_code == 302  # others log in


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=100, VIGIL_LOCKOUT_ADDRESS_ATTEMPTS=3, VIGIL_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(client, reader):
    for _ in range(3):
        attempt(client, "guess", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert attempt(client, "reader", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # a client cannot dodge it by writing another address in front of what the proxy appends
    spoofed = attempt(client, "reader", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.1")
    assert spoofed.status_code == 429
    assert attempt(client, "reader", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=2)
def test_django_login_signals_are_sent_for_failures_refusals_and_logins(client, reader):
    failed, logged_in = [], []

    def on_failed(sender, credentials, request, **kwargs):
        failed.append(credentials)

    def on_login(sender, request, user, **kwargs):
        logged_in.append(user.username)

    user_login_failed.connect(on_failed)
    user_logged_in.connect(on_login)
    try:
        attempt(client, "reader", "wrong")
        attempt(client, "reader", "wrong")
        attempt(client, "reader", PASSWORD)  # refused: locked
        LoginFailure.objects.all().delete()
        attempt(client, "reader", PASSWORD)
    finally:
        user_login_failed.disconnect(on_failed)
        user_logged_in.disconnect(on_login)

    assert [c["username"] for c in failed] == ["reader"] * 3
    assert all("password" not in c or c["password"] != "wrong" for c in failed)  # Django cleanses it
    assert logged_in == ["reader"]


def test_the_login_keeps_next_on_this_site_only(client, reader):
    response = client.post(LOGIN, {"username": "reader", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("workspace:inbox")

    client.logout()
    response = client.post(LOGIN, {"username": "reader", "password": PASSWORD, "next": "/acts/?status=draft"})
    assert response["Location"] == "/acts/?status=draft"


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=1)
def test_the_lockout_is_explained_in_the_readers_language(client, reader):
    attempt(client, "reader", "wrong")

    response = attempt(client, "reader", PASSWORD, HTTP_ACCEPT_LANGUAGE="ru")

    assert "Попробуйте снова через 15 минут." in response.content.decode()


def test_failures_older_than_a_week_are_removed_when_a_new_one_is_counted(client, reader):
    attempt(client, "reader", "wrong")
    LoginFailure.objects.update(at=LoginFailure.objects.get().at - timedelta(days=8))

    attempt(client, "someone", "wrong")

    assert list(LoginFailure.objects.values_list("username_key", flat=True)) == ["someone"]
