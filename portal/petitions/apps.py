from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "portal.petitions"
    label = "petitions"
    verbose_name = "Kiến nghị cử tri"

    def ready(self) -> None:
        from . import search

        search.register()
