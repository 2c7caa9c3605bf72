"""/api/v1/: every registered endpoint, the OpenAPI schema, its documentation page."""

from importlib import import_module

from django.apps import apps
from django.urls import include, path, re_path
from django.utils.module_loading import module_has_submodule

from rest_framework.routers import SimpleRouter

from . import views
from .api import ENDPOINTS


def _discover_endpoints() -> None:
    """Import portal/<app>/api.py of every portal app: each registers its endpoints."""
    for config in apps.get_app_configs():
        if config.name.startswith("portal.") and module_has_submodule(config.module, "api"):
            import_module(f"{config.name}.api")


_discover_endpoints()

app_name = "api"
router = SimpleRouter(trailing_slash="/?")
for endpoint in sorted(ENDPOINTS, key=lambda endpoint: endpoint.prefix):
    router.register(endpoint.prefix, endpoint.viewset, basename=endpoint.basename)

urlpatterns = [
    path("v1/", views.ApiRootView.as_view(), name="root"),
    path("v1/schema/", views.api_schema, name="schema"),
    path("v1/docs/", views.api_documentation, name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"^.*$", views.api_not_found, name="not-found"),
]
