from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


class OpendataConfig(AppConfig):
    name = "portal.opendata"
    verbose_name = "Dữ liệu mở"

    def ready(self) -> None:
        # Each register adds its bulk download from its own portal/<app>/datasets.py, so the
        # catalogue, the export command and the download view all see every register.
        for config in apps.get_app_configs():
            own = config.name.startswith("portal.") and config.name != self.name
            if own and module_has_submodule(config.module, "datasets"):
                import_module(f"{config.name}.datasets")
