"""Create the Reporter, Editor and Admin groups, one group per section, and "Review redaksi"."""

from django.db import migrations


def forwards(apps, schema_editor):
    from warta.newsroom import roles

    roles.create_roles(apps)
    for section in apps.get_model("news", "SectionPage").objects.all():
        roles.create_section_groups(section, apps)
    roles.create_review_workflow(apps)
    roles.retire_wagtail_default_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
