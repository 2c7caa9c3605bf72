from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "portal.links"
    label = "links"
    verbose_name = "Liên kết website"
