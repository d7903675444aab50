"""The audit trail's page: for those who may see it, filtered, paginated, names shown encoded and inert."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from vigil.audit.models import AuditEntry
from vigil.audit.services import record_event

PASSWORD = "a-long-enough-password"


@pytest.fixture
def administrator(db, client):
    user = get_user_model().objects.create_superuser(username="administrator", password=PASSWORD)
    client.force_login(user)
    return client


def test_an_administrator_sees_the_trail_newest_first_with_the_head(administrator):
    record_event(actor=None, action="export", target=("acts", None), fields={"format": "csv"})
    record_event(actor="<script>alert(1)</script>\nroot", action="login_failed")

    response = administrator.get(reverse("workspace:audit"))

    html = response.content.decode()
    rows = html.split("<tbody>")[1]
    assert response.status_code == 200
    assert rows.index("Failed login") < rows.index("Exported")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\nroot" in html and "<script>alert" not in html
    last = AuditEntry.objects.order_by("sequence").last()
    assert f"<code>{last.sequence}:{last.mac}</code>" in html
    assert reverse("workspace:audit") in html.split("<main")[0]  # linked from the navigation


def test_the_trail_is_filtered_by_action_user_and_day(administrator):
    record_event(actor="mallory", action="login_failed")
    record_event(actor=None, action="export", target=("people", None), fields={"format": "csv"})

    by_action = administrator.get(reverse("workspace:audit"), {"action": "login_failed"})
    by_user = administrator.get(reverse("workspace:audit"), {"actor": "mall"})
    by_day = administrator.get(reverse("workspace:audit"), {"since": "2001-01-01", "until": "2001-01-02"})

    assert [e.action for e in by_action.context["page"]] == ["login_failed"]
    assert [e.actor for e in by_user.context["page"]] == ["mallory"]
    assert list(by_day.context["page"]) == []


def test_sensitive_fields_show_by_name_only(administrator):
    record_event(
        actor=None, action="change", target=("records.person", 1), fields={"testimony": "x", "status": "draft"}
    )

    html = administrator.get(reverse("workspace:audit")).content.decode()

    assert "status: draft" in html and "testimony (value not kept)" in html


def test_the_page_is_in_russian(administrator):
    record_event(actor=None, action="login_failed")

    html = administrator.get(reverse("workspace:audit"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "Журнал аудита" in html and "Неудачный вход" in html


def test_a_documenter_without_the_permission_is_refused_and_not_shown_the_link(documenter):
    assert documenter.get(reverse("workspace:audit")).status_code == 403
    assert reverse("workspace:audit") not in documenter.get(reverse("workspace:inbox")).content.decode()


def test_a_user_given_the_permission_sees_it(documenter, documenter_user):
    from django.contrib.auth.models import Permission

    documenter_user.user_permissions.add(Permission.objects.get(codename="view_auditentry"))

    assert documenter.get(reverse("workspace:audit")).status_code == 200


def test_the_page_has_no_form_that_changes_the_trail(administrator):
    record_event(actor=None, action="login_failed")

    assert 'method="post"' not in administrator.get(reverse("workspace:audit")).content.decode().split("<main")[1]
