from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_home_headlines_and_breaking_news"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="correction_note",
            field=models.TextField(
                blank=True,
                help_text="What changed, for readers: shown under the update time",
                max_length=500,
                verbose_name="correction note",
            ),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="significant_update_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when an editor marks an edit as significant; shown as 'Diperbarui'",
                null=True,
                verbose_name="significant update at",
            ),
        ),
    ]
