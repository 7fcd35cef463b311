"""Fixtures shared by every app's tests. App-specific data lives in each app's factories."""

import pytest
from django.core.cache import cache

# Browser fixtures (Chromium, axe-core, demo site, log-in) for every app's journey tests.
pytest_plugins = ["enkelt.core.testing.browser"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits (allauth, DRF throttles) live in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()
