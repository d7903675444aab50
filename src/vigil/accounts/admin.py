"""Recent failed logins in the admin: an administrator sees who is locked out, and may lift a lockout."""

from django.contrib import admin

from vigil.accounts.models import LoginFailure


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ("user_name", "address", "at")
    list_filter = ("at",)
    search_fields = ("username_key", "address")
    date_hierarchy = "at"
    readonly_fields = ("user_name", "address", "at")
    exclude = ("username_key",)

    @admin.display(description="user name tried", ordering="username_key")
    def user_name(self, failure: LoginFailure) -> str:
        """Show the name as typed, with any newline or control code written out, never acted on."""
        return ascii(failure.username_key)[1:-1] if not failure.username_key.isprintable() else failure.username_key

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
