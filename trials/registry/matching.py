"""Which of our condition pages and collaborative groups a registry record names.

Condition names come from ``conditions.names``, the vocabulary site search uses too,
and are compared after its one folding rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from conditions.models import ConditionPage
from conditions.names import TITLE, condition_names, fold_name, title_variants
from programs.models import CollaborativeGroup


class ConditionMatcher:
    """Every condition page's names, loaded once per batch of studies.

    A condition page matches a registry condition name or keyword when, after
    :func:`conditions.names.fold_name` (case, accents, punctuation and plural "s"
    folded, as site search folds them), one of its names in
    :mod:`conditions.names` (the title and its parts in and out of brackets, the
    short name, each also-known-as name, each type such as "Insulinoma", and the
    editors' search synonyms):

    1. equals the registry name ("Carcinoid Tumor" = alias "carcinoid tumors"),
    2. or appears in it as whole words ("Pancreatic Neuroendocrine Tumor"
       contains "neuroendocrine tumor"), provided the name is at least
       ``MIN_CONTAINED_LENGTH`` characters long, so acronyms such as "ALL" or
       "NET" only ever match exactly ("All Solid Tumors" is not "ALL"), and the
       word before it is not "non" ("Non-Hodgkin Lymphoma" is not "Hodgkin
       lymphoma").

    Only that direction: a general registry name ("Neuroendocrine Tumors")
    does not match a more specific page ("Pancreatic NETs"). Live and draft
    condition pages both match, so links are ready when a page is published.
    """

    MIN_CONTAINED_LENGTH = 5

    def __init__(self, names: dict[str, set[int]], pages: dict[int, object]):
        self.names = names  # normalised name -> condition page ids
        self.pages = pages  # id -> ConditionPage (light: id and title only)

    @classmethod
    def load(cls) -> ConditionMatcher:
        """Every name of every condition page, live or draft (conditions/names.py)."""
        titles, all_names = condition_names(live_only=False)
        by_name: dict[str, set[int]] = defaultdict(set)
        for name in all_names:
            variants = title_variants(name.text) if name.kind == TITLE else [name.text]
            for variant in variants:
                if folded := fold_name(variant):
                    by_name[folded].add(name.condition_id)
        pages = {pk: ConditionPage(pk=pk, title=title) for pk, title in titles.items()}
        return cls(dict(by_name), pages)

    def match_ids(self, registry_names: Iterable[str]) -> set[int]:
        ids: set[int] = set()
        for registry_name in registry_names:
            folded = fold_name(registry_name)
            if not folded:
                continue
            for name, page_ids in self.names.items():
                if name == folded or self._contains(folded, name):
                    ids |= page_ids
        return ids

    def match(self, registry_names: Iterable[str]) -> list:
        """The condition pages (light instances) matching any of the names."""
        return [self.pages[pk] for pk in sorted(self.match_ids(registry_names))]

    @classmethod
    def _contains(cls, folded: str, name: str) -> bool:
        if len(name) < cls.MIN_CONTAINED_LENGTH:
            return False
        padded, needle = f" {folded} ", f" {name} "
        start = padded.find(needle)
        while start != -1:
            if not padded[:start].endswith(" non"):
                return True
            start = padded.find(needle, start + 1)
        return False


class GroupMatcher:
    """Collaborative groups by every name the registry may use for them.

    A group matches a sponsor or collaborator whose normalised name equals the
    group's name, short name or one of its "registry names" lines. The lead
    sponsor is tried first, then the collaborators in registry order.
    """

    def __init__(self, names: dict[str, int]):
        self.names = names

    @classmethod
    def load(cls) -> GroupMatcher:
        names: dict[str, int] = {}
        for group in CollaborativeGroup.objects.order_by("name"):
            spellings = [
                group.name,
                group.short_name,
                *group.registry_names.splitlines(),
            ]
            for spelling in spellings:
                # setdefault: when two groups claim a name, the first A–Z wins,
                # the same way every time.
                if name := fold_name(spelling):
                    names.setdefault(name, group.pk)
        return cls(names)

    def match(self, organisations: Iterable[str]) -> int | None:
        for organisation in organisations:
            if group_id := self.names.get(fold_name(organisation)):
                return group_id
        return None
