"""ClinicalTrials.gov v2 study records for tests: the recorded samples and builders.

The samples in trials/demo/ are recorded registry responses (the demo trials); :func:`study`
builds a fresh, valid record in the same shape for each edge case, so a test
states only what it changes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "trials" / "demo"
SAMPLE_IDS = ("NCT09990001", "NCT09990002", "NCT09990003")
DELETE = object()


def sample_path(nct_id: str) -> Path:
    path = SAMPLES_DIR / f"{nct_id}.json"
    if not path.is_file():
        pytest.skip(f"sample record {path} is missing (trials/demo not present)")
    return path


def load_sample(nct_id: str) -> dict:
    """A fresh copy of a recorded registry response, safe to edit."""
    return json.loads(sample_path(nct_id).read_text(encoding="utf-8"))


def edit(record: dict, path: str, value: object) -> dict:
    """Set (or with DELETE, remove) the value at a dotted path; digits index lists.

    Missing objects on the way are created, so a test can add a module.
    """
    *parents, last = path.split(".")
    node: object = record
    for key in parents:
        if key.isdigit():
            node = node[int(key)]
        else:
            node = node.setdefault(key, {})
    key = int(last) if last.isdigit() else last
    if value is DELETE:
        del node[key]
    else:
        node[key] = value
    return record


BASE_STUDY = {
    "protocolSection": {
        "identificationModule": {
            "nctId": "NCT05550001",
            "organization": {"fullName": "Test Children's Cancer Center"},
            "briefTitle": "A test study of a new medicine for children with tumors",
            "officialTitle": "A Phase 2 Test Study of a New Medicine in Children",
        },
        "statusModule": {
            "overallStatus": "RECRUITING",
            "startDateStruct": {"date": "2025-01-15", "type": "ACTUAL"},
            "lastUpdatePostDateStruct": {"date": "2026-01-02", "type": "ACTUAL"},
        },
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": "Test Children's Cancer Center", "class": "OTHER"},
        },
        "descriptionModule": {
            "briefSummary": "This study tests a new medicine. It is for children.",
        },
        "conditionsModule": {"conditions": ["Solid Tumor"], "keywords": []},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2"]},
        "eligibilityModule": {
            "eligibilityCriteria": "Inclusion Criteria:\n\n* A solid tumor",
            "sex": "ALL",
            "minimumAge": "1 Year",
            "maximumAge": "21 Years",
        },
        "contactsLocationsModule": {
            "centralContacts": [
                {
                    "name": "Trial Office",
                    "phone": "617-555-0111",
                    "email": "trials@example.org",
                }
            ],
        },
    },
    "hasResults": False,
}


def study(nct_id: str = "NCT05550001", **paths: object) -> dict:
    """A valid record; keyword arguments set dotted paths under protocolSection.

    Write "__" for ".": ``study(statusModule__overallStatus="COMPLETED")``.
    """
    record = copy.deepcopy(BASE_STUDY)
    edit(record, "protocolSection.identificationModule.nctId", nct_id)
    for key, value in paths.items():
        edit(record, "protocolSection." + key.replace("__", "."), value)
    return record


def studies_page(*records: dict, next_page: str | None = "NEXT") -> dict:
    """A page of the /studies endpoint."""
    return {"studies": list(records), "nextPageToken": next_page}


class FakeRegistry:
    """A stand-in for the registry API: ``fetch(nct_id)`` from a dict of records.

    Unknown IDs answer like the API's 404; ``errors`` maps an ID to the
    exception to raise. ``calls`` records what was asked for.
    """

    def __init__(self, *records: dict, errors: dict | None = None):
        self.records = {
            r["protocolSection"]["identificationModule"]["nctId"]: r for r in records
        }
        self.errors = errors or {}
        self.calls: list[str] = []

    def add(self, record: dict) -> None:
        nct_id = record["protocolSection"]["identificationModule"]["nctId"]
        self.records[nct_id] = record

    def __call__(self, nct_id: str, *, deadline: float | None = None) -> dict:
        """Like importer.default_fetch (the deadline is not needed here)."""
        from trials.registry import values

        self.calls.append(nct_id)
        if nct_id in self.errors:
            raise self.errors[nct_id]
        if nct_id not in self.records:
            raise values.RecordError(
                f"could not fetch https://registry.test/studies/{nct_id}: HTTP 404",
                nct_id=nct_id,
            )
        return copy.deepcopy(self.records[nct_id])
