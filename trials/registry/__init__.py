"""The ClinicalTrials.gov registry, as plain Python: its values (``values``), the
parsed study record (``records``), the HTTP client (``client``), matching registry
names to our conditions and groups (``matching``) and writing a record to a trial
page (``importer``)."""
