"""Sessions end when idle too long, when too old, at logout, and everywhere on deactivation or a new password."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from vigil.accounts.models import UserSession
from vigil.accounts.sessions import LOGIN_AT, SEEN_AT
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
ACTS = reverse("workspace:acts")


@pytest.fixture
def reader(db):
    user = user_create(username="reader", password=PASSWORD)
    user.is_staff = False
    user.save()
    return user


def logged_in(user) -> Client:
    client = Client()
    assert client.post(reverse("workspace:login"), {"username": user.username, "password": PASSWORD}).status_code == 302
    return client


def age(client: Client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"login": LOGIN_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_a_session_ends_after_the_idle_time(reader, settings):
    client = logged_in(reader)
    key = client.session.session_key
    age(client, seen=settings.VIGIL_SESSION_IDLE_MINUTES * 60 - 5)
    assert client.get(ACTS).status_code == 200  # still within the idle time, and this request renews it
    assert client.session[SEEN_AT] >= int(time.time()) - 2

    age(client, seen=settings.VIGIL_SESSION_IDLE_MINUTES * 60 + 1)
    response = client.get(ACTS)

    assert response["Location"] == reverse("workspace:login") + "?next=%2Facts%2F"
    assert not Session.objects.filter(session_key=key).exists()
    assert "Your session ended" in client.get(response["Location"]).content.decode()


def test_a_session_ends_after_the_absolute_limit_however_busy(reader, settings):
    client = logged_in(reader)
    age(client, login=settings.VIGIL_SESSION_MAX_HOURS * 3600 + 1, seen=0)

    assert client.get(ACTS).status_code == 302
    assert "_auth_user_id" not in client.session
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_logout_deletes_the_session(reader):
    client = logged_in(reader)
    key = client.session.session_key
    assert UserSession.objects.filter(user=reader, session_key=key).exists()

    client.post(reverse("workspace:logout"))

    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()


def test_deactivating_a_user_ends_all_their_sessions(reader):
    laptop, phone = logged_in(reader), logged_in(reader)
    keys = {laptop.session.session_key, phone.session.session_key}

    reader.is_active = False
    reader.save()

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=reader).exists()
    assert laptop.get(ACTS).status_code == 302 and phone.get(ACTS).status_code == 302


def test_a_new_password_ends_the_users_other_sessions(reader):
    laptop, phone = logged_in(reader), logged_in(reader)
    other = user_create(username="colleague", password=PASSWORD)
    other.is_staff = False
    other.save()
    colleague = logged_in(other)

    reader.set_password("another-long-password")
    reader.save()

    assert laptop.get(ACTS).status_code == 302 and phone.get(ACTS).status_code == 302
    assert colleague.get(ACTS).status_code == 200  # only that user's sessions
    assert UserSession.objects.filter(user=other).count() == 1


def test_saving_a_user_without_changes_keeps_their_sessions(reader):
    laptop = logged_in(reader)

    reader.first_name = "Aigerim"
    reader.save()

    assert laptop.get(ACTS).status_code == 200


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(db):
    operator = user_create(username="operator", password=PASSWORD, admin=True)
    here, elsewhere = Client(), Client()
    here.force_login(operator)
    elsewhere.force_login(operator)

    response = here.post(
        reverse("admin:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-9",
            "new_password2": "a-new-long-passphrase-9",
        },
    )

    assert response["Location"] == reverse("admin:password_change_done")
    assert here.get(reverse("admin:index")).status_code == 200
    assert elsewhere.get(reverse("admin:index")).status_code == 302
