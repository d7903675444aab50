from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RecordsConfig(AppConfig):
    name = "vigil.records"
    verbose_name = "Records"

    def ready(self) -> None:
        post_migrate.connect(_seed_vocabularies, sender=self)
        post_migrate.connect(_sync_roles, sender=self)


def _seed_vocabularies(sender: AppConfig, **kwargs: object) -> None:
    """Add the shipped vocabulary terms that the database lacks, after every migrate."""
    from vigil.records.services import vocabularies_sync

    vocabularies_sync(using=str(kwargs.get("using", "default")))


def _sync_roles(sender: AppConfig, **kwargs: object) -> None:
    """Make the role groups and their permissions match records/roles.py, after every migrate."""
    from vigil.records.roles import roles_sync

    roles_sync(using=str(kwargs.get("using", "default")))
