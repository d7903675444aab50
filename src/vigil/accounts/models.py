"""What the login keeps: recent failed attempts (for the lockout) and each user's open sessions."""

from django.conf import settings
from django.db import models


class LoginFailure(models.Model):
    """One failed login: the user name tried (case-folded) and the client's address, never the password."""

    username_key = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username_key!r} from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"


class UserSession(models.Model):
    """A session opened by a login, so that all of a user's sessions can be ended at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    started = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"session of user #{self.user_id} since {self.started:%Y-%m-%d %H:%M}"
