"""The newsroom's roles as Wagtail groups: Reporter, Editor, Admin, and one group per section.

A reporter or editor works in a section when they belong to that section's group
("Reporter · Ekonomi", "Editor · Ekonomi"): Wagtail's own page permissions then decide
what they may create, edit, see in preview and revisions, and publish.
"""

import hashlib

from django.apps import apps as global_apps

REPORTER = "Reporter"
EDITOR = "Editor"
ADMIN = "Admin"
REVIEW_WORKFLOW = "Review redaksi"
REVIEW_TASK = "Review editor rubrik"
# Who may create a wire source or aim one: its feed URL, section and automatic publishing.
WIRE_DESK_PERMISSION = "news.wire_desk"

# Page permissions a role holds in each of its sections.
SECTION_PAGE_PERMISSIONS = {
    REPORTER: ("add_page",),  # create articles, edit their own until submitted
    EDITOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
ALL_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)

# Model permissions: (app_label, model, codename). Images and documents go per collection.
REPORTER_PERMISSIONS = (
    ("wagtailadmin", "admin", "access_admin"),
    ("news", "reporter", "view_reporter"),
    ("news", "source", "view_source"),
)
EDITOR_PERMISSIONS = REPORTER_PERMISSIONS + (
    ("news", "reporter", "add_reporter"),
    ("news", "reporter", "change_reporter"),
    ("news", "source", "add_source"),
    ("news", "source", "change_source"),
)
COLLECTION_PERMISSIONS = {
    REPORTER: (
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ),
}
COLLECTION_PERMISSIONS[EDITOR] = COLLECTION_PERMISSIONS[REPORTER] + (
    ("wagtailimages", "image", "change_image"),
    ("wagtaildocs", "document", "change_document"),
)
COLLECTION_PERMISSIONS[ADMIN] = COLLECTION_PERMISSIONS[EDITOR] + (
    ("wagtailimages", "image", "delete_image"),
    ("wagtaildocs", "document", "delete_document"),
)


GROUP_NAME_LENGTH = 150  # auth.Group.name


def section_group_name(role, section_title):
    """Return "Reporter · Ekonomi"; a long title is cut to fit a group's name, kept unique."""
    name = f"{role} · {section_title}"
    if len(name) <= GROUP_NAME_LENGTH:
        return name
    digest = hashlib.sha256(section_title.encode()).hexdigest()[:8]
    return f"{name[: GROUP_NAME_LENGTH - 10]}… {digest}"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _page_permission(apps, codename):
    return _permission(apps, "wagtailcore", "page", codename)


def _grant_pages(apps, group, page_id, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=_page_permission(apps, codename)
        )


def create_roles(apps=global_apps):
    """Create the Reporter, Editor and Admin groups with their permissions (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (REPORTER, EDITOR, ADMIN)}
    groups[REPORTER].permissions.add(*(_permission(apps, *p) for p in REPORTER_PERMISSIONS))
    groups[EDITOR].permissions.add(*(_permission(apps, *p) for p in EDITOR_PERMISSIONS))
    groups[ADMIN].permissions.add(*(_permission(apps, *p) for p in EDITOR_PERMISSIONS))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for role, permissions in COLLECTION_PERMISSIONS.items():
            for spec in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[role],
                    collection=root_collection,
                    permission=_permission(apps, *spec),
                )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        _grant_pages(apps, groups[ADMIN], root.pk, ALL_PAGE_PERMISSIONS)
    return groups


def create_section_groups(section, apps=global_apps):
    """Create the "Reporter · <section>" and "Editor · <section>" groups for one section."""
    Group = apps.get_model("auth", "Group")
    created = []
    for role, codenames in SECTION_PAGE_PERMISSIONS.items():
        name = section_group_name(role, section.title)
        if Group.objects.filter(name=name).exclude(page_permissions__page_id=section.pk).exists():
            name = section_group_name(role, f"{section.title} ({section.slug}-{section.pk})")
        group, _ = Group.objects.get_or_create(name=name)
        _grant_pages(apps, group, section.pk, codenames)
        created.append(group)
    return created


def create_review_workflow(apps=global_apps):
    """Create "Review redaksi" (editors approve) and assign it to the whole page tree."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    SectionReviewTask = apps.get_model("newsroom", "SectionReviewTask")

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    task = SectionReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="newsroom", model="sectionreviewtask"
        )
        task = SectionReviewTask.objects.create(
            name=REVIEW_TASK, active=True, content_type=content_type
        )
    task.groups.add(*Group.objects.filter(name__in=(EDITOR, ADMIN)))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        # Wagtail's own "Moderators approval" sits on the root; Warta's review replaces it.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).filter(name="Moderators approval").update(active=False)
    return workflow


def retire_wagtail_default_groups(apps=global_apps):
    """Delete Wagtail's example groups "Editors" and "Moderators" while nobody is in them.

    They grant edit rights on the whole tree, which would bypass the section groups.
    """
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=("Editors", "Moderators"), user__isnull=True).delete()


def may_run_wire_desk(user):
    """Return whether this user may set a source's feed URL, section and automatic publishing."""
    return user is not None and user.is_active and user.has_perm(WIRE_DESK_PERMISSION)


def grant_admin_everything(sender=None, using="default", **kwargs):
    """Give the Admin group every permission, including those of apps added later."""
    from django.contrib.auth.models import Group, Permission

    admin = Group.objects.using(using).filter(name=ADMIN).first()
    if admin is not None:
        admin.permissions.add(*Permission.objects.using(using).all())
