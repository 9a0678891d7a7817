"""Trial listing filters, read from the query string: never trusted, never a 500.

A django-filter ``FilterSet``: a value that does not validate is left out of
``cleaned_data``, so ``.qs`` simply does not apply it, and ``ignored`` names it for the
family ("We ignored Phase because the value was not valid"). The open-only default, the
child's age (a number and a unit), "at our center" and the distance from a ZIP code
are applied together in ``filter_queryset``.
"""

from __future__ import annotations

from decimal import Decimal

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conditions.models import ConditionPage
from programs.models import CollaborativeGroup
from search.matching import load_vocabulary, match_conditions

from . import distance, sites
from .registry.values import PHASE_LABELS
from .widgets import LongSelect

MAX_QUERY_LENGTH = 200
STATUS_OPEN = "open"
STATUS_ALL = "all"
WHERE_HERE = "here"
WHERE_ANYWHERE = "anywhere"


def translated_titles(conditions) -> list[tuple[int, str]]:
    """(id, title) of the English condition pages from (id, title, translation key),
    titled as their live translation in the active language says where there is one
    (one query, and only off English)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    translated = {}
    if language != settings.LANGUAGE_CODE:
        translated = dict(
            ConditionPage.objects.live()
            .filter(locale__language_code=language)
            .values_list("translation_key", "title")
        )
    return [(pk, translated.get(key, title)) for pk, title, key in conditions]


def distance_choices():
    """“25 miles” … in the language of the request (called as each form is built)."""
    return [
        (str(miles), gettext("%(miles)s miles") % {"miles": miles})
        for miles in distance.DISTANCE_CHOICES
    ]


class ZipCodeField(forms.CharField):
    """A 5-digit US ZIP code that the ZIP data knows."""

    def clean(self, value):
        value = super().clean(value)
        if value and distance.zip_centroid(value) is None:
            raise forms.ValidationError("Enter a 5-digit US ZIP code.")
        return value


class ZipCodeFilter(django_filters.Filter):
    field_class = ZipCodeField


class WholeNumberFilter(django_filters.Filter):
    field_class = forms.IntegerField


def applied_in_filter_queryset(queryset, name, value):
    """For filters read by ``TrialFilter.filter_queryset`` rather than on their own."""
    return queryset


class TrialFilter(django_filters.FilterSet):
    """Every filter is optional; a bad value is dropped and noted, never an error."""

    q = django_filters.CharFilter(
        label=_("Keyword or NCT ID"),
        method="filter_keyword",
        max_length=MAX_QUERY_LENGTH,
        strip=True,
    )
    # Choices are loaded once, in __init__: validating a value and rendering the
    # <select> then share one query instead of one each (ModelChoiceFilter's two).
    condition = django_filters.TypedChoiceFilter(
        label=_("Condition"),
        field_name="conditions",
        coerce=int,
        empty_value=None,
        distinct=True,
        widget=LongSelect,  # one option per condition: 500 at the bench's scale
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (STATUS_OPEN, _("Open to new patients")),
            (STATUS_ALL, _("All, including closed")),
        ],
        empty_label=None,
        method=applied_in_filter_queryset,
    )
    phase = django_filters.TypedChoiceFilter(
        label=_("Phase"), field_name="phases__code", distinct=True
    )
    age = WholeNumberFilter(
        label=_("Child's age"),
        min_value=0,
        max_value=1200,
        method=applied_in_filter_queryset,
    )
    age_unit = django_filters.ChoiceFilter(
        label=_("Age in"),
        choices=[("years", _("years")), ("months", _("months"))],
        empty_label=None,
        method=applied_in_filter_queryset,
    )
    group = django_filters.TypedChoiceFilter(
        label=_("Collaborative group"),
        field_name="collaborative_group",
        coerce=int,
        empty_value=None,
    )
    where = django_filters.ChoiceFilter(
        label=_("Where"),
        choices=[
            (WHERE_HERE, _("At our center")),
            (WHERE_ANYWHERE, _("At any hospital")),
        ],
        empty_label=None,
        method=applied_in_filter_queryset,
    )
    zip = ZipCodeFilter(
        label=_("Near ZIP code"),
        max_length=10,
        strip=True,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
        ),
        method=applied_in_filter_queryset,
    )
    distance = django_filters.ChoiceFilter(
        label=_("Within"),
        choices=distance_choices,
        empty_label=None,
        method=applied_in_filter_queryset,
    )

    def __init__(self, query_dict=None, queryset=None, *, our_names=(), **kwargs):
        # NUL bytes make some databases raise; nobody types them on purpose.
        data = {
            name: (query_dict or {}).get(name, "").replace("\x00", "")
            for name in self.base_filters
        }
        # The select shows the distance that is applied when none was chosen.
        data["distance"] = data["distance"] or str(distance.DEFAULT_DISTANCE)
        super().__init__(data, queryset=queryset, **kwargs)
        from .models import Phase  # noqa: PLC0415 - models imports this module

        # "Open at our center" is offered, and the default, only where Site settings
        # name our facilities; otherwise every hospital counts.
        self.our_names = list(our_names)
        if not self.our_names:
            del self.filters["where"]  # before the form is built from the filters

        conditions = (
            # Trials name the English pages (a translation shares its trials).
            ConditionPage.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("title")
            .values_list("id", "title", "translation_key")
        )
        phases = [
            (code, PHASE_LABELS.get(code, label))  # in the page's language
            for code, label in Phase.objects.values_list("code", "label")
        ]
        groups = CollaborativeGroup.objects.all()
        self.filters["condition"].extra["choices"] = [
            ("", _("Any condition")),
            *translated_titles(conditions),
        ]
        self.filters["phase"].extra["choices"] = [("", _("Any phase")), *phases]
        self.filters["group"].extra["choices"] = [
            ("", _("Any group or our own")),
            *((group.pk, str(group)) for group in groups),
        ]

    @cached_property
    def nearest(self) -> dict[int, distance.NearestSite]:
        """Each trial's nearest open site to the ZIP code, within the widest distance
        offered (one query), so the count beside every distance needs none of its own."""
        zip_code = self.value("zip")
        if not zip_code:
            return {}
        return distance.nearest_open_sites(
            distance.zip_centroid(zip_code), max(distance.DISTANCE_CHOICES)
        )

    @property
    def ignored(self) -> list[str]:
        """The labels of the filters whose value was not valid, and so not applied."""
        form = self.form
        labels = [
            form.fields[name].label for name in form.errors if self.data.get(name)
        ]
        # An age in an unknown unit is no age at all: "5 decades" is not 5 years.
        if "age_unit" in form.errors and "age" not in form.errors and self.value("age"):
            labels.append(form.fields["age"].label)
        return labels

    def value(self, name, default=None):
        """A filter's valid value, or ``default`` when it was missing or not valid."""
        self.form.is_valid()  # validates once; cleaned_data keeps only valid values
        value = self.form.cleaned_data.get(name)
        return default if value in (None, "") else value

    def age_in_months(self) -> Decimal | None:
        age = self.value("age")
        if age is None or "age_unit" in self.form.errors:
            return None
        months = Decimal(age)
        return months if self.value("age_unit", "years") == "months" else months * 12

    def filter_keyword(self, queryset, name, value):
        return queryset.filter(self._keyword_q).distinct()

    @cached_property
    def _keyword_q(self) -> Q:
        # The site search's vocabulary of condition names (conditions/names.py), typo
        # tolerance included: "carcinoid" or "insulinoma" finds the trials linked to
        # the NET page, as site search finds the page. Three queries, whatever the text,
        # once however many times the counts beside the options apply the keyword.
        value = self.value("q")
        hits, _corrected = match_conditions(value, load_vocabulary())
        conditions = [hit.condition_id for hit in hits]
        return (
            Q(conditions__in=conditions)
            | Q(title__icontains=value)
            | Q(nct_id__iexact=value)
            | Q(summary__icontains=value)
            | Q(brief_summary__icontains=value)
            | Q(official_title__icontains=value)
            # The registry's condition names and keywords ("carcinoid"), as text.
            | Q(registry_conditions__icontains=value)
            | Q(registry_keywords__icontains=value)
        )

    def filter_queryset(self, queryset: QuerySet, overrides=None) -> QuerySet:
        """The trials the filters select; ``overrides`` replaces some filters' values
        (None: not applied), for the counts beside each option (trials/facets.py)."""
        chosen = {**self.form.cleaned_data, **(overrides or {})}
        for name, value in chosen.items():
            queryset = self.filters[name].filter(queryset, value)

        def value(name, default=None):
            found = chosen.get(name)
            return default if found in (None, "") else found

        open_only = value("status", STATUS_OPEN) == STATUS_OPEN
        if open_only:
            queryset = queryset.open()
        if self.our_names and value("where", WHERE_HERE) == WHERE_HERE:
            # Open trials: open at our site too. All trials: any we take part in.
            queryset = queryset.filter(
                sites.at_our_center_q(self.our_names, open_only=open_only)
            )
        if value("zip"):
            radius = int(value("distance", distance.DEFAULT_DISTANCE))
            within = [pk for pk, site in self.nearest.items() if site.miles <= radius]
            queryset = queryset.filter(pk__in=within)
        months = self.age_in_months()
        if months is not None:
            queryset = queryset.filter(
                Q(minimum_age_months__isnull=True) | Q(minimum_age_months__lte=months),
                Q(maximum_age_months__isnull=True) | Q(maximum_age_months__gte=months),
            )
        return queryset

    @property
    def active_count(self) -> int:
        """How many filters narrow the list beyond the defaults, for "· 2 active"."""
        count = sum(
            bool(self.value(name))
            for name in ("q", "condition", "phase", "group", "age", "zip")
        )
        count += self.value("status", STATUS_OPEN) != STATUS_OPEN
        if self.our_names:
            count += self.value("where", WHERE_HERE) != WHERE_HERE
        return count

    @property
    def active_filters(self) -> bool:
        return self.active_count > 0
