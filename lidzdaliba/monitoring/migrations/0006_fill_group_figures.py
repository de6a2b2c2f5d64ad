"""Fill the by-group opinions and distinct-month histograms from the existing
`GroupParticipation` rows (nothing to do on a new database)."""

from django.db import migrations
from django.db.models import Sum


def fill(apps, schema_editor):
    from lidzdaliba.monitoring import distinct

    participation = apps.get_model("monitoring", "GroupParticipation")
    opinions = apps.get_model("monitoring", "GroupOpinions")
    histogram = apps.get_model("monitoring", "DistinctMonths")
    opinions.objects.all().delete()
    histogram.objects.exclude(kind__in=["person", "organisation"]).delete()
    rows = (
        participation.objects.values(
            "institution_id", "institution_kind", "month", "affected_group_id", "organisation_kind"
        )
        .annotate(opinions=Sum("opinions"))
        .order_by()
    )
    opinions.objects.bulk_create((opinions(**row) for row in rows.iterator()), batch_size=5000)
    distinct.build_all(groups_only=True)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_group_scopes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
