"""Accounts: the login with its lockout and second factor, session expiry, and the security headers."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "vigil.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from vigil.accounts import signals  # noqa: F401 (connects the receivers)


class VigilAdminConfig(admin_apps.AdminConfig):
    """Django's admin, behind Vigil's login and its second factor."""

    default = False  # vigil.accounts itself is AccountsConfig; settings name this one explicitly
    default_site = "vigil.accounts.admin_site.VigilAdminSite"
