"""The roles of the members area, as groups staff assign in the admin.

Members: may use the area (approval adds people here). Members area moderators: may also
moderate it (Wagtail's own "Moderators" group is about pages, and is staff).
Wagtail's Editors (comms staff) may run membership: decide on applications, invite people,
keep the list of organisations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Members": ["access_members_area"],
    "Members area moderators": ["access_members_area", "moderate_members_area"],
}
EDITOR_PERMISSIONS = [
    "view_member",
    "change_member",
    "view_organisation",
    "add_organisation",
    "change_organisation",
    "view_invitation",
    "add_invitation",
    "change_invitation",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations have run; these groups need them
    # now.
    app_config = apps.get_app_config("community")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(content_type__app_label="community", codename__in=codenames)

    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(codenames))
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(*permissions(EDITOR_PERMISSIONS))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
