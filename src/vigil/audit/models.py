"""The audit trail: one entry per change, export, restricted read and login, chained by an HMAC.

docs/decisions/2026-11-26-audit-chain.md says why it is shaped so.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    READ = "read", _("Read (restricted)")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    MERGE = "merge", _("Merged")
    UNMERGE = "unmerge", _("Merge undone")


class AuditEntryImmutable(Exception):
    """Code tried to change or delete an audit entry."""


class AuditEntry(models.Model):
    """One thing done: who, when, what (field names, and values only when they are not sensitive), and its MAC.

    The actor is kept as an id and a name, not a foreign key: deleting a login must neither
    delete nor rewrite the entries that say what it did.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor = models.CharField(max_length=600, blank=True, help_text="Username, with control characters escaped.")
    action = models.CharField(max_length=16, choices=Action.choices)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=100, blank=True)
    fields = models.JSONField(default=dict, blank=True, help_text="Field names with their non-sensitive values.")
    redacted = models.JSONField(default=list, blank=True, help_text="Names of the fields whose values are not kept.")
    ip = models.CharField(max_length=45, blank=True)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["actor_id", "sequence"], name="audit_actor_sequence"),
            models.Index(fields=["action", "sequence"], name="audit_action_sequence"),
            models.Index(fields=["at"], name="audit_at"),
        ]
        # browsing is all there is: entries are written by services.record_event only
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_type} {self.target_id}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Write a new entry; an entry once written is never saved again (its MAC would no longer match)."""
        if not self._state.adding:
            raise AuditEntryImmutable(f"audit entry #{self.sequence} was written once and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refuse: an entry removed would break the chain at its number."""
        raise AuditEntryImmutable(f"audit entry #{self.sequence} cannot be deleted")
