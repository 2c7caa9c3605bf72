"""Keep users who owe a second factor out of the admin until they give it."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from .services import two_factor_enabled, two_factor_required

__all__ = ["TwoFactorMiddleware"]

# Admin URLs reachable between the password and the code.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "accounts_two_factor_verify",
    "accounts_two_factor_enrol",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


class TwoFactorMiddleware(MiddlewareMixin):
    """After the password: a user with a device must enter a code; a user who must use
    two-factor authentication and has no device yet is sent to enrol. Admin paths only."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        query = urlencode({"next": request.get_full_path()})
        if two_factor_enabled(user):
            return redirect(f"{reverse('accounts_two_factor_verify')}?{query}")
        if two_factor_required(user):
            return redirect(f"{reverse('accounts_two_factor_enrol')}?{query}")
        return None
