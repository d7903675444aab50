"""Receivers: sessions are registered at login, and all of a user's end when the user is deactivated or
given a new password (Django's own session hash check is kept as a second guard)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from vigil.accounts import services
from vigil.accounts.sessions import LOGIN_AT, SEEN_AT

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="vigil.accounts.session_start")
def _session_start(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = request.session[SEEN_AT] = now
    if request.session.session_key is None:
        request.session.save()
    services.user_session_register(user=user, session_key=request.session.session_key)


@receiver(user_logged_out, dispatch_uid="vigil.accounts.session_end")
def _session_end(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        services.user_session_forget(session_key=request.session.session_key)


@receiver(pre_save, sender=User, dispatch_uid="vigil.accounts.user_before")
def _user_before(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance._vigil_before = (
        sender.objects.filter(pk=instance.pk).values("password", "is_active").first() if instance.pk else None
    )


@receiver(post_save, sender=User, dispatch_uid="vigil.accounts.user_after")
def _user_after(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_vigil_before", None)
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        services.user_sessions_end(user=instance)
