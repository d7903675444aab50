"""The roles a login can have, declared as data, and the groups that carry them.

Each role is a Django group with its permissions; `roles_sync` (run after every migrate) makes
the groups match this declaration. What a role may *see* is decided per record in
records/access.py; the permissions here say what it may *do*.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import transaction


class UserRole(StrEnum):
    """A login's role, from most to least trusted; the anonymous public has none."""

    ADMINISTRATOR = "administrator"
    EDITOR = "editor"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"


# From most to least trusted: a login in several groups has the first one's role.
RANKED = (UserRole.ADMINISTRATOR, UserRole.EDITOR, UserRole.CONTRIBUTOR, UserRole.VIEWER)

RECORD_MODELS = (
    "source", "event", "act", "actsource", "person", "personalias", "organisation", "organisationalias",
    "affiliation", "involvement", "intervention",
)  # fmt: skip
TERM_MODELS = ("acttype", "perpetratorkind", "interventiontype", "role")


def _perms(actions: tuple[str, ...], models: tuple[str, ...]) -> set[str]:
    return {f"{action}_{model}" for action in actions for model in models}


# Permission codenames of the records app, per role. Deleting is the administrator's alone:
# an editor's review removes a rejected draft through records.services, not through a permission.
PERMISSIONS: dict[UserRole, set[str]] = {
    UserRole.ADMINISTRATOR: _perms(("view", "add", "change", "delete"), RECORD_MODELS + TERM_MODELS),
    UserRole.EDITOR: _perms(("view", "add", "change"), RECORD_MODELS) | _perms(("view",), TERM_MODELS),
    UserRole.CONTRIBUTOR: {"add_source", "add_act", "add_person", "add_organisation"}
    | _perms(("view",), RECORD_MODELS + TERM_MODELS),
    UserRole.VIEWER: _perms(("view",), RECORD_MODELS + TERM_MODELS),
}


def role_of(user: Any) -> UserRole | None:
    """Return a login's role; None for the anonymous public, an inactive login or one without a role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return UserRole.ADMINISTRATOR
    cached = getattr(user, "_vigil_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = next((role for role in RANKED if role.value in names), None)
    user._vigil_role = role  # one query per request, not per check
    return role


def roles_sync(*, using: str = "default") -> None:
    """Make the role groups exist with exactly their declared permissions."""
    from django.contrib.auth.models import Group, Permission

    with transaction.atomic(using=using):
        for role, codenames in PERMISSIONS.items():
            group, _ = Group.objects.using(using).get_or_create(name=role.value)
            permissions = Permission.objects.using(using).filter(
                content_type__app_label="records", codename__in=codenames
            )
            group.permissions.set(permissions)
