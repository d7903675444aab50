from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "vigil.workspace"
    verbose_name = "Workspace"
