"""Schemathesis against the OpenAPI schema of /api/v1/: no input may cause a server error.

Every operation of the schema is called in-process (WSGI) as a staff user of
one municipality (an administrator's token) with inputs generated from the
schema, valid and invalid. Every answer must be below 500, and every error
must be JSON (never HTML, never a stack trace). `API_FUZZ_EXAMPLES` sets the
number of examples per operation (CI keeps it small; raise it for a longer hunt).
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from enkelt.submissions.tests.factories import CategoryFactory, SubmissionFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))


@pytest.fixture
def keep_connection():
    """As Django's test client does: the test's connection (and transaction) must survive
    the request; the WSGI handler would close it at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(db, keep_connection):
    municipality = MunicipalityFactory(slug="fuzz", name="Fuzz Kommune")
    unit = UnitFactory(municipality=municipality, name="Vej og Park", slug="vej-og-park")
    membership = MembershipFactory(
        municipality=municipality, unit=unit, role=Role.ADMINISTRATOR, user__is_staff=True
    )
    category = CategoryFactory(municipality=municipality, unit=unit)
    SubmissionFactory(municipality=municipality, category=category)
    return Token.objects.create(user=membership.user).key


# Only the fuzzing phase, bounded by EXAMPLES: the exhaustive coverage phase and the schema's
# own examples multiply the requests per operation (API_FUZZ_PHASES=all turns them on).
ALL_PHASES = os.environ.get("API_FUZZ_PHASES") == "all"
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": ALL_PHASES}, "examples": {"enabled": ALL_PHASES}}}
)

# Loaded once at collection: generating the schema reads no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=CONFIG)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_json_errors(case, staff_token):
    response = case.call(headers={"Authorization": f"Token {staff_token}"})
    where = f"{case.method} {case.formatted_path} -> {response.status_code}"
    assert response.status_code < 500, f"{where}: {response.text[:500]}"
    if response.status_code >= 400:
        headers = {k.lower(): v for k, v in response.headers.items()}
        content_type = headers.get("content-type", "")
        if isinstance(content_type, list):
            content_type = content_type[0]
        assert "json" in content_type, f"{where}: not JSON ({content_type})"
        assert response.text.lstrip().startswith("{"), f"{where}: {response.text[:200]}"
