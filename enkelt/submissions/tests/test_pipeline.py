import itertools

import pytest

from enkelt.submissions import pipeline
from enkelt.submissions.models import Submission

Status = Submission.Status
ALL = list(Status.values)
ALLOWED = [(a, b) for a, targets in pipeline.ALLOWED_TRANSITIONS.items() for b in sorted(targets)]
REFUSED = [(a, b) for a, b in itertools.product(ALL, ALL) if (a, b) not in ALLOWED]


def test_table_is_as_documented():
    documented = {
        "received": {"in_progress", "answered", "rejected", "closed"},
        "in_progress": {"answered", "rejected", "closed"},
        "answered": {"closed", "in_progress"},
        "closed": {"in_progress"},
        "rejected": {"received"},
    }
    assert documented == pipeline.ALLOWED_TRANSITIONS


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed(from_status, to_status):
    assert pipeline.can_transition(from_status, to_status)


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_refused(from_status, to_status):
    assert not pipeline.can_transition(from_status, to_status)


def test_public_status_mapping():
    assert {s: pipeline.public_status(s) for s in ALL} == {
        "received": "open",
        "in_progress": "open",
        "answered": "closed",
        "closed": "closed",
        "rejected": "closed",
    }


def test_allowed_next_keeps_status_order():
    assert pipeline.allowed_next("received") == ["in_progress", "answered", "closed", "rejected"]
