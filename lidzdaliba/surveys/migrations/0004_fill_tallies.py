"""Fill the tallies of the surveys answered before they existed (services/tallies.py), with
the migration's own models, by the same code as `manage.py rebuild_survey_tallies`."""

from types import SimpleNamespace

from django.db import migrations


def fill(apps, schema_editor):
    from lidzdaliba.surveys.services.tallies import tallies_rebuild_all

    names = ("Question", "Answer", "AnswerCount", "RespondentCount", "AnswerLemma", "LemmaCount")
    tallies_rebuild_all(SimpleNamespace(**{n: apps.get_model("surveys", n) for n in names}))


def empty(apps, schema_editor):
    names = ("AnswerCount", "RespondentCount", "AnswerLemma", "LemmaCount")
    for name in names:
        apps.get_model("surveys", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_tallies")]

    operations = [migrations.RunPython(fill, empty)]
