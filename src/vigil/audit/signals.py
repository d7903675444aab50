"""Listen to Django's login signals and the administration's log, and write them to the audit trail."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from vigil.audit.models import Action

ADMIN_ACTIONS = {1: Action.CREATE, 2: Action.CHANGE, 3: Action.DELETE}


def connect() -> None:
    """Connect the receivers once (the app's ready())."""
    from django.contrib.admin.models import LogEntry

    user_logged_in.connect(_logged_in, dispatch_uid="vigil.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="vigil.audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="vigil.audit.login_failed")
    post_save.connect(_admin_logged, sender=LogEntry, dispatch_uid="vigil.audit.admin")


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from vigil.audit.services import record_event

    record_event(actor=user, action=Action.LOGIN, target=user, request=request)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from vigil.audit.services import record_event

    if user is not None:
        record_event(actor=user, action=Action.LOGOUT, target=user, request=request)


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """Record the name that was typed (encoded), never the password; Django has already masked it anyway."""
    from django.contrib.auth import get_user_model

    from vigil.audit.services import record_event

    name = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""
    record_event(actor=str(name), action=Action.LOGIN_FAILED, request=request)


def _admin_logged(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Write the administration's adds, changes and single deletions to the trail, with the field names it gives.

    The administration saves models itself, inside its own transaction; its LogEntry is saved
    in that transaction, so the audit entry commits or rolls back with the change.
    """
    from django.contrib.auth import get_user_model

    from vigil.audit.services import record_event

    if not created or instance.action_flag not in ADMIN_ACTIONS:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    target_type = model._meta.label_lower if model else ""
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    record_event(
        actor=user,
        action=ADMIN_ACTIONS[instance.action_flag],
        target=(target_type, instance.object_id),
        fields={"via": "admin", "changed": ", ".join(_changed_fields(instance.change_message))},
    )


def _changed_fields(message: str) -> list[str]:
    """Return the field names of an administration change message (JSON), never its values."""
    try:
        parts = json.loads(message) if message else []
    except ValueError:
        return []
    names: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        for detail in part.values() if isinstance(part, dict) else []:
            if isinstance(detail, dict):
                names += [str(name) for name in detail.get("fields", [])]
    return names
