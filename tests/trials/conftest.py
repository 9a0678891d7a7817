"""Fixtures the trial tests share."""

import pytest

from netsite.models import SiteSettings

# As the sample registry records in tests/trials name our hospital.
OURS = "Sample Children's Cancer Center"


@pytest.fixture
def our_center(site):
    """Site settings name our hospital, so "at our center" applies."""
    settings = SiteSettings.objects.get(site=site)
    settings.our_facilities = OURS
    settings.save()
    return settings
