"""The admin door in the admin: two-factor pages, and sign-in records for administrators."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.permissions import ReadOnlyPermissionPolicy

from . import urls


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("hai-lop/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_two_factor_menu_item():
    return MenuItem(
        "Xác thực hai lớp",
        reverse("accounts_two_factor"),
        name="two_factor",
        icon_name="key",
        order=10000,
    )


class _ViewOrDeletePolicy(ReadOnlyPermissionPolicy):
    """Administrators may look and delete (a lost phone), never create or edit."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return super(ReadOnlyPermissionPolicy, self).user_has_permission(user, action)
        return super().user_has_permission(user, action)


class _LoginRecordViewSet(ModelViewSet):
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["username"]
    ordering = ["-attempt_time"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


class SuccessfulLoginViewSet(_LoginRecordViewSet):
    model = AccessLog
    icon = "tick"
    menu_label = "Nhật ký: đăng nhập thành công"
    name = "dang_nhap_thanh_cong"
    form_fields = ["username"]  # required by ModelViewSet; editing is refused by the policy
    list_display = [
        Column("username", label="tên đăng nhập"),
        DateColumn("attempt_time", label="lúc đăng nhập"),
        DateColumn("logout_time", label="lúc đăng xuất"),
        Column("ip_address", label="địa chỉ (bí danh)"),
    ]
    list_filter = ["attempt_time"]
    inspect_view_fields = ["username", "attempt_time", "logout_time", "ip_address", "user_agent"]


class FailedLoginViewSet(_LoginRecordViewSet):
    model = AccessFailureLog
    icon = "warning"
    menu_label = "Nhật ký: đăng nhập sai"
    name = "dang_nhap_sai"
    form_fields = ["username"]
    list_display = [
        Column("username", label="tên đăng nhập"),
        DateColumn("attempt_time", label="lúc thử"),
        BooleanColumn("locked_out", label="bị khoá"),
        Column("ip_address", label="địa chỉ (bí danh)"),
    ]
    list_filter = ["locked_out", "attempt_time"]
    inspect_view_fields = ["username", "attempt_time", "locked_out", "ip_address", "user_agent"]


class LockoutViewSet(_LoginRecordViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Nhật ký: số lần sai, khoá"
    name = "dang_bi_khoa"
    form_fields = ["username"]
    list_display = [
        Column("username", label="tên đăng nhập"),
        Column("failures_since_start", label="số lần sai"),
        DateColumn("attempt_time", label="lần sai gần nhất"),
        Column("ip_address", label="địa chỉ (bí danh)"),
    ]
    list_filter = ["attempt_time"]
    inspect_view_fields = ["username", "failures_since_start", "attempt_time", "ip_address"]

    @property
    def permission_policy(self):
        # Deleting a record lifts its lockout at once.
        return _ViewOrDeletePolicy(self.model)


class AuthenticatorViewSet(ModelViewSet):
    """Who has an authenticator; deleting one makes its owner enrol again at the next login."""

    model = TOTPDevice
    icon = "key"
    menu_label = "Thiết bị xác thực hai lớp"
    name = "thiet_bi_xac_thuc"
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["name"]  # required by ModelViewSet; editing is refused by the policy
    list_display = [
        Column("user", label="người dùng"),
        BooleanColumn("confirmed", label="đã xác nhận"),
        DateColumn("created_at", label="bật lúc"),
        DateColumn("last_used_at", label="dùng gần nhất"),
    ]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    ordering = ["user__username"]

    @property
    def permission_policy(self):
        return _ViewOrDeletePolicy(self.model)


@hooks.register("register_admin_viewset")
def register_login_records():
    return [
        SuccessfulLoginViewSet(),
        FailedLoginViewSet(),
        LockoutViewSet(),
        AuthenticatorViewSet(),
    ]
