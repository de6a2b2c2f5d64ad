from django.db import migrations

DEFAULT_DAYS = {
    "written_consultation": 30,
    "public_meeting": 14,
    "working_group": 14,
    "survey": 14,
    "idea_collection": 14,
    "municipal_binding_regulation": 14,
}


def forwards(apps, schema_editor):
    MinimumPeriod = apps.get_model("consultations", "MinimumPeriod")
    for key, days in DEFAULT_DAYS.items():
        MinimumPeriod.objects.get_or_create(key=key, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
