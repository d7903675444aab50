"""records/roles.py: the role groups and their permissions, and logins made with a role."""

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from vigil.cli import cli
from vigil.records.roles import PERMISSIONS, UserRole, role_of, roles_sync

pytestmark = pytest.mark.django_db


def test_each_role_is_a_group_with_exactly_its_permissions_after_migrate():
    for role, codenames in PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        assert set(group.permissions.values_list("codename", flat=True)) == codenames


def test_roles_sync_puts_back_a_permission_taken_away_and_removes_one_added():
    viewer = Group.objects.get(name="viewer")
    viewer.permissions.set(viewer.permissions.exclude(codename="view_act"))
    from django.contrib.auth.models import Permission

    viewer.permissions.add(Permission.objects.get(codename="delete_act"))

    roles_sync()

    assert set(viewer.permissions.values_list("codename", flat=True)) == PERMISSIONS[UserRole.VIEWER]


@pytest.mark.parametrize(
    ("role", "staff", "superuser", "may"),
    [
        ("administrator", True, True, "records.delete_act"),
        ("editor", True, False, "records.change_act"),
        ("contributor", False, False, "records.add_source"),
        ("viewer", False, False, "records.view_act"),
    ],
)
def test_createuser_makes_a_login_of_each_role(role, staff, superuser, may):
    made = CliRunner().invoke(
        cli, ["createuser", f"u-{role}", "--role", role, "--password-stdin"], input="lantern-harbour-57-quiet\n"
    )

    assert made.exit_code == 0, made.output
    assert made.output.strip() == f"created {role} 'u-{role}'"
    user = get_user_model().objects.get(username=f"u-{role}")
    assert (user.is_staff, user.is_superuser, role_of(user)) == (staff, superuser, UserRole(role))
    assert user.has_perm(may)
    assert user.has_perm("records.change_act") is (role in ("administrator", "editor"))
    assert user.has_perm("records.delete_act") is (role == "administrator")


def test_createuser_refuses_an_unknown_role_and_makes_nobody():
    made = CliRunner().invoke(cli, ["createuser", "x", "--role", "owner", "--password-stdin"], input="p\n")

    assert made.exit_code == 2 and "'owner' is not one of" in made.output
    assert not get_user_model().objects.filter(username="x").exists()
