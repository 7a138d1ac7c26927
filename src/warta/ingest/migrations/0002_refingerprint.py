from django.db import migrations


def forget_fingerprints(apps, schema_editor):
    """LSH bands changed from 3 to 2 rows: the next ingest run fingerprints every article again."""
    apps.get_model("ingest", "FingerprintBand").objects.all().delete()
    apps.get_model("ingest", "ArticleFingerprint").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("ingest", "0001_initial")]

    operations = [migrations.RunPython(forget_fingerprints, migrations.RunPython.noop)]
