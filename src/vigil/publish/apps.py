from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "vigil.publish"
    verbose_name = "Publication"
