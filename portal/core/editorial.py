"""Editorial roles and the review workflow every article goes through.

Phóng viên writes and submits; Biên tập viên edits and reviews; Lãnh đạo duyệt approves and
publishes; Quản trị may do everything. `editorial_setup()` is idempotent.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

__all__ = [
    "APPROVER",
    "ADMINISTRATOR",
    "EDITOR",
    "REPORTER",
    "WORKFLOW_NAME",
    "editorial_setup",
]

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
APPROVER = "Lãnh đạo duyệt"
ADMINISTRATOR = "Quản trị"
WORKFLOW_NAME = "Quy trình duyệt tin"
REVIEW_TASK = "Biên tập"
APPROVAL_TASK = "Lãnh đạo duyệt"

PAGE_PERMISSIONS = {
    REPORTER: ["add_page"],
    EDITOR: ["add_page", "change_page", "lock_page"],
    APPROVER: ["add_page", "change_page", "lock_page", "unlock_page", "publish_page"],
    ADMINISTRATOR: [
        "add_page",
        "bulk_delete_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    ],
}
COLLECTION_PERMISSIONS = {
    REPORTER: ["add", "choose"],
    EDITOR: ["add", "change", "choose"],
    APPROVER: ["add", "change", "choose"],
    ADMINISTRATOR: ["add", "change", "choose", "delete"],
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _portal_model_permissions(actions: tuple[str, ...]) -> list[Permission]:
    """Permissions on the portal's own snippet-like models (comments, polls, links, …)."""
    wanted = []
    for permission in Permission.objects.select_related("content_type").filter(
        content_type__app_label__in=_portal_app_labels()
    ):
        action = permission.codename.split("_", 1)[0]
        if action in actions:
            wanted.append(permission)
    return wanted


def _portal_app_labels() -> list[str]:
    from django.apps import apps

    return [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("portal.") and config.label not in {"images", "home", "news"}
    ]


# Wagtail checks image and document permissions on its own models' codenames even when the
# models are swapped (permission policies with auth_model=wagtailimages.Image /
# wagtaildocs.Document), so collection permissions must name those, not ours.
COLLECTION_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def _grant_collection(group: Group, actions: list[str]) -> None:
    root = Collection.get_first_root_node()
    wanted = {
        _permission(app_label, f"{action}_{model}").pk
        for action in actions
        for app_label, model in COLLECTION_MODELS
    }
    for pk in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission_id=pk
        )
    # Earlier versions granted the portal models' codenames, which Wagtail never consults.
    GroupCollectionPermission.objects.filter(
        group=group, permission__content_type__app_label="images"
    ).delete()


def _workflow(reviewers: Group, approvers: Group) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    tasks = []
    for name, group in ((REVIEW_TASK, reviewers), (APPROVAL_TASK, approvers)):
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=name)
        task.groups.set([group])
        tasks.append(task)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task.task_ptr, defaults={"sort_order": order}
        )
    # The whole site uses it (replacing Wagtail's default "Moderators approval").
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(workflow_pages__isnull=True).update(
        active=False
    )
    WorkflowContentType.objects.filter(workflow__active=False).delete()
    _remove_wagtail_defaults()
    return workflow


def _remove_wagtail_defaults() -> None:
    """Drop Wagtail's English starter workflow and groups while nothing uses them."""
    from wagtail.models import Task, WorkflowState

    default = Workflow.objects.filter(name="Moderators approval", active=False).first()
    if default and not WorkflowState.objects.filter(workflow=default).exists():
        task_ids = list(default.workflow_tasks.values_list("task_id", flat=True))
        default.delete()
        Task.objects.filter(pk__in=task_ids, workflow_tasks__isnull=True).delete()
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()


@transaction.atomic
def editorial_setup() -> Workflow:
    """Create (or bring up to date) the four editorial groups and the two-step workflow."""
    access_admin = _permission("wagtailadmin", "access_admin")
    root = Page.get_first_root_node()
    groups = {}
    for name in (REPORTER, EDITOR, APPROVER, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission("wagtailcore", codename)
            )
        _grant_collection(group, COLLECTION_PERMISSIONS[name])

    groups[REPORTER].permissions.add(*_portal_model_permissions(("view",)))
    for name in (EDITOR, APPROVER):
        groups[name].permissions.add(
            *_portal_model_permissions(("view", "add", "change", "delete"))
        )
    groups[ADMINISTRATOR].permissions.add(*Permission.objects.all())
    return _workflow(reviewers=groups[EDITOR], approvers=groups[APPROVER])
