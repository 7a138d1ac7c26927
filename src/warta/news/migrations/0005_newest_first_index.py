"""Index live pages newest first: the latest news, section lists and the related fallback.

Wagtail's page table is not ours to declare indexes on, so the index is raw SQL that both
PostgreSQL and SQLite understand. Listings order by (first_published_at, id) descending and
read a handful of rows: with this index the database reads just those, whatever the archive's
size, instead of sorting every live article.
"""

from django.db import migrations

INDEX = "warta_page_live_newest_first"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_articlepage_baca_juga_auto_source_active_and_more"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(first_published_at DESC, id DESC) WHERE live",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
