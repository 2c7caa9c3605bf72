from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "portal.agencies"
    label = "agencies"
    verbose_name = "Cơ quan, đơn vị"
