from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vigil.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from vigil.audit import checks, signals

        signals.connect()
        del checks  # imported for its @register
