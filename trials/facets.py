"""How many trials each filter option would give: "Phase 2 (4)", "Within 50 miles (3)".

Each count is of the trials the listing would show if that option were chosen and
every other filter kept its value (the usual rule for faceted search), so choosing an
option with a count never gives a different number. One grouped query per many-valued
filter (condition, phase, group), one count for the other choice of each two-way filter
(open or all, here or anywhere), and one list of trial IDs for the distances: a fixed
number of queries, whatever the number of trials, conditions or sites.
"""

from __future__ import annotations

from django import forms
from django.db.models import Count

from .filters import STATUS_ALL, STATUS_OPEN, WHERE_ANYWHERE, WHERE_HERE, TrialFilter

# Filter name -> the field its options are values of.
GROUPED = {
    "condition": "conditions",
    "phase": "phases__code",
    "group": "collaborative_group",
}


def add_counts(filters: TrialFilter, shown: int) -> None:
    """Add each option's count to its label; ``shown`` is how many trials the current
    choice gives (the listing has counted them already)."""
    form = filters.form
    form.is_valid()  # cleaned_data holds the valid values; the others are not applied
    base = filters.queryset

    def selected(**overrides):
        return filters.filter_queryset(base.all(), overrides)

    for name, field in GROUPED.items():
        ids = selected(**{name: None}).values("pk")
        _relabel(form.fields[name], grouped_counts(base.model, field, ids))

    two_way = [("status", STATUS_OPEN, STATUS_ALL)]
    if "where" in form.fields:
        two_way.append(("where", WHERE_HERE, WHERE_ANYWHERE))
    for name, default, other in two_way:
        current = filters.value(name, default)
        alternative = other if current == default else default
        counts = {current: shown, alternative: selected(**{name: alternative}).count()}
        _relabel(form.fields[name], counts)

    if filters.value("zip"):
        anywhere = set(selected(zip=None).values_list("pk", flat=True))
        counts = {
            value: sum(
                1
                for pk, site in filters.nearest.items()
                if pk in anywhere and site.miles <= int(value)
            )
            for value, _label in form.fields["distance"].choices
        }
        _relabel(form.fields["distance"], counts)


def grouped_counts(model, field: str, ids) -> dict:
    """Trials per value of ``field`` among the trials ``ids``.

    A many-to-many field is counted on its own table, where each (trial, value) pair
    is once: no join back to the trials and no COUNT(DISTINCT), which at 5,000 trials
    took twice as long.
    """
    relation, _, rest = field.partition("__")
    model_field = model._meta.get_field(relation)
    if model_field.many_to_many:
        rows = model_field.remote_field.through.objects.filter(
            **{f"{model_field.m2m_field_name()}__in": ids}
        )
        field = model_field.m2m_reverse_field_name() + (f"__{rest}" if rest else "")
    else:
        rows = model.objects.filter(pk__in=ids)
    return dict(rows.order_by().values_list(field).annotate(trials=Count("*")))


def _relabel(field: forms.ChoiceField, counts: dict) -> None:
    """ "Phase 2" -> "Phase 2 (4)"; the "any" option (value "") keeps its label."""
    field.choices = [
        (value, label if value == "" else f"{label} ({counts.get(value, 0)})")
        for value, label in field.choices
    ]
