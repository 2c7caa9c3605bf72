"""Admin permission policies shared by the widget apps."""

from wagtail.permission_policies import ModelPermissionPolicy

__all__ = ["ReadOnlyPermissionPolicy"]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records citizens created (votes, ratings): editors may look, nobody edits them by hand."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return self.auth_model._default_manager.none()
        return super().users_with_any_permission(["view"])
