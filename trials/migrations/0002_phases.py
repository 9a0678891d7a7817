"""The registry's trial phases, as lookup rows the listing filters on."""

from django.db import migrations

PHASES = [
    ("EARLY_PHASE1", "Early phase 1"),
    ("PHASE1", "Phase 1"),
    ("PHASE2", "Phase 2"),
    ("PHASE3", "Phase 3"),
    ("PHASE4", "Phase 4"),
    ("NA", "Not applicable"),
]


def create_phases(apps, schema_editor):
    Phase = apps.get_model("trials", "Phase")
    for order, (code, label) in enumerate(PHASES):
        Phase.objects.update_or_create(code=code, defaults={"label": label, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("trials", "0001_initial")]

    operations = [migrations.RunPython(create_phases, migrations.RunPython.noop)]
