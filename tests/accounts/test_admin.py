"""The accounts in the admin: failed logins listed (and a lockout lifted), no one's TOTP secret shown."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigil.accounts.models import LoginFailure
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(user_create(username="operator", password=PASSWORD, admin=True))  # second factor passed
    return client


@override_settings(VIGIL_LOCKOUT_ATTEMPTS=2)
def test_an_administrator_sees_failed_logins_encoded_and_lifts_a_lockout(admin_client, db):
    reader = user_create(username="reader", password=PASSWORD)
    reader.is_staff = False
    reader.save()
    visitor = Client()
    for name in ("reader", "reader", "evil\n<b>admin</b>\x1b[31m"):
        visitor.post(reverse("workspace:login"), {"username": name, "password": "wrong"})
    assert visitor.post(reverse("workspace:login"), {"username": "reader", "password": PASSWORD}).status_code == 429

    listing = admin_client.get(reverse("admin:accounts_loginfailure_changelist")).content.decode()
    assert "evil\\n&lt;b&gt;admin&lt;/b&gt;\\x1b[31m" in listing and "\x1b" not in listing
    admin_client.post(
        reverse("admin:accounts_loginfailure_changelist"),
        {"action": "delete_selected", "_selected_action": list(
            LoginFailure.objects.filter(username_key="reader").values_list("pk", flat=True)), "post": "yes"},
    )  # fmt: skip

    assert not LoginFailure.objects.filter(username_key="reader").exists()
    assert visitor.post(reverse("workspace:login"), {"username": "reader", "password": PASSWORD}).status_code == 302


def test_no_administrator_can_read_a_users_totp_secret(admin_client, db):
    other = user_create(username="editor", password=PASSWORD)
    device = TOTPDevice.objects.create(user=other, name="phone", confirmed=True)

    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()

    assert device.key not in page
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk])).status_code in (403, 404)
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk])).status_code in (403, 404)
