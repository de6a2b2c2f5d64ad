from django.db import migrations


def forwards(apps, schema_editor):
    from lidzdaliba.institutions.reference import load_reference_data

    load_reference_data(
        apps.get_model("institutions", "Territory"),
        apps.get_model("institutions", "Topic"),
        apps.get_model("institutions", "AffectedGroup"),
    )


class Migration(migrations.Migration):
    dependencies = [("institutions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
