"""The demo's submissions: created through the services, idempotent, with a fixed code."""

import pytest
from django.core import mail
from django.urls import reverse

from enkelt.demo.loaders import load_all
from enkelt.submissions.demo_reports import DEMO_PUBLIC_ID, DEMO_TRACKING_CODE, REPORTS
from enkelt.submissions.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.ENKELT_DEMO = True
    load_all()
    return Submission.objects.filter(municipality__slug="demo")


def test_demo_reports_are_created_once_with_a_spread_of_statuses(demo):
    # the ideas demo adds idea submissions of its own; these are the front door's reports
    demo = demo.filter(title__in=[report.title for report in REPORTS])
    count = demo.count()
    assert count == len(REPORTS)
    load_all()
    assert demo.count() == count
    statuses = set(demo.values_list("status", flat=True))
    assert {"received", "in_progress", "answered", "closed"} <= statuses
    # routed to a unit and given a deadline by the real services
    assert not demo.filter(unit__isnull=True).exists()
    assert not demo.filter(due_at__isnull=True).exists()


def test_demo_tracking_code_opens_a_status_page_with_its_answer(client, demo):
    submission = demo.get(tracking_code=DEMO_TRACKING_CODE)
    response = client.get(reverse("submissions:status", args=["demo", DEMO_TRACKING_CODE]))
    assert response.status_code == 200
    assert submission.public_answer
    assert submission.public_answer[:40] in response.content.decode()
    public = client.get(reverse("submissions:public_detail", args=["demo", DEMO_PUBLIC_ID]))
    assert submission.title in public.content.decode()


def test_demo_reports_send_mail_only_to_reserved_addresses(demo):
    addresses = {a for message in mail.outbox for a in message.to}
    assert all(a.endswith(".example") for a in addresses), addresses
