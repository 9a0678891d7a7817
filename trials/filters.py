"""Trial listing filters, read from the query string: never trusted, never a 500."""

from decimal import Decimal

from django import forms
from django.db.models import Q, QuerySet

from conditions.models import ConditionPage
from programs.models import CollaborativeGroup

MAX_QUERY_LENGTH = 200
STATUS_OPEN = "open"
STATUS_ALL = "all"


class TrialFilterForm(forms.Form):
    """Every filter is optional; a bad value is dropped and noted, never an error."""

    q = forms.CharField(
        label="Keyword or NCT ID",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
    )
    # Choice fields whose choices are loaded once, in __init__: validating a value and
    # rendering the <select> then share one query instead of one each.
    condition = forms.TypedChoiceField(
        label="Condition", required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            (STATUS_OPEN, "Open to new patients"),
            (STATUS_ALL, "All, including closed"),
        ],
    )
    phase = forms.ChoiceField(label="Phase", required=False)
    age = forms.IntegerField(
        label="Child's age", required=False, min_value=0, max_value=1200
    )
    age_unit = forms.ChoiceField(
        label="Age in",
        required=False,
        choices=[("years", "years"), ("months", "months")],
    )
    group = forms.TypedChoiceField(
        label="Collaborative group", required=False, coerce=int, empty_value=None
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        from .models import Phase  # noqa: PLC0415 - models imports this module

        conditions = (
            ConditionPage.objects.live()
            .public()
            .order_by("title")
            .values_list("id", "title")
        )
        phases = Phase.objects.values_list("code", "label")
        groups = CollaborativeGroup.objects.all()
        self.fields["condition"].choices = [("", "Any condition"), *conditions]
        self.fields["phase"].choices = [("", "Any phase"), *phases]
        self.fields["group"].choices = [
            ("", "Any group or our own"),
            *((group.pk, str(group)) for group in groups),
        ]

    @classmethod
    def from_query(cls, query_dict):
        """Bind to the query string, then drop the fields that do not validate."""
        data = {key: query_dict.get(key, "") for key in cls.base_fields}
        # NUL bytes make some databases raise; nobody types them on purpose.
        data = {key: value.replace("\x00", "") for key, value in data.items()}
        form = cls(data)
        form.ignored = []
        if not form.is_valid():
            for name in list(form.errors):
                if data.get(name):
                    form.ignored.append(form.fields[name].label)
                form.cleaned_data.pop(name, None)
            # An age in an unknown unit is no age at all: "5 decades" is not 5 years.
            if "age_unit" in form.errors and form.cleaned_data.pop("age", None):
                form.ignored.append(form.fields["age"].label)
        return form

    def value(self, name, default=None):
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    def age_in_months(self) -> Decimal | None:
        age = self.value("age")
        if age is None:
            return None
        return (
            Decimal(age)
            if self.value("age_unit", "years") == "months"
            else Decimal(age) * 12
        )

    def apply(self, trials: QuerySet) -> QuerySet:
        query = self.value("q")
        if query:
            trials = trials.filter(
                Q(title__icontains=query)
                | Q(nct_id__iexact=query)
                | Q(summary__icontains=query)
                | Q(brief_summary__icontains=query)
                | Q(official_title__icontains=query)
                # The registry's condition names and keywords ("carcinoid"), as text.
                | Q(registry_conditions__icontains=query)
                | Q(registry_keywords__icontains=query)
            )
        if self.value("status", STATUS_OPEN) == STATUS_OPEN:
            trials = trials.filter(overall_status__in=trials.model.OPEN_STATUSES)
        if condition := self.value("condition"):
            trials = trials.filter(conditions=condition)
        if phase := self.value("phase"):
            trials = trials.filter(phases__code=phase)
        if group := self.value("group"):
            trials = trials.filter(collaborative_group=group)
        months = self.age_in_months()
        if months is not None:
            trials = trials.filter(
                Q(minimum_age_months__isnull=True) | Q(minimum_age_months__lte=months),
                Q(maximum_age_months__isnull=True) | Q(maximum_age_months__gte=months),
            )
        return trials.distinct()

    def active_filters(self) -> bool:
        return (
            any(
                self.value(name) for name in ("q", "condition", "phase", "group", "age")
            )
            or self.value("status", STATUS_OPEN) != STATUS_OPEN
        )
