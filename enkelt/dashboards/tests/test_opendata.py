"""Open data: public rows only, and no personal data whatever citizens type."""

import csv
import io
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enkelt.submissions.models import Submission
from enkelt.submissions.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def _url(dataset, fmt, slug="alfa"):
    return reverse("opendata:dataset", args=[slug, dataset, fmt])


def _body(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_index_lists_municipalities_datasets_and_licence(client, world):
    response = client.get(reverse("opendata:index"), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 200
    assert "CC BY 4.0" in body
    assert _url("submissions", "csv") in body and _url("decisions", "json", "beta") in body


def test_only_public_submissions_are_published(client, world):
    hidden = SubmissionFactory(municipality=world.a, category=world.veje, is_hidden=True)
    internal = SubmissionFactory(
        municipality=world.a,
        category=world.veje,
        employee_mode=Submission.EmployeeMode.INTERNAL,
    )
    rows = list(csv.DictReader(io.StringIO(_body(client, _url("submissions", "csv")))))
    codes = {row["tracking_code"] for row in rows}
    assert len(rows) == 7
    assert hidden.tracking_code not in codes and internal.tracking_code not in codes
    assert {row["status"] for row in rows} <= {"open", "closed"}


def test_funnel_and_decisions(client, world):
    funnel = json.loads(_body(client, _url("funnel", "json")))
    by_year = {row["year"]: row for row in funnel}
    assert by_year[2026]["flagged"] == 4 and by_year[2026]["abolished"] == 1
    assert by_year[2026]["realised_freed_hours_per_year"] == 8.0
    decisions = list(csv.DictReader(io.StringIO(_body(client, _url("decisions", "csv")))))
    assert sorted(d["outcome"] for d in decisions) == ["abolished", "escalated"]


def test_unknown_dataset_format_or_municipality(client, world):
    assert client.get(_url("secrets", "csv")).status_code == 404
    assert client.get(_url("submissions", "xml")).status_code == 404
    assert client.get(_url("submissions", "csv", slug="nowhere")).status_code == 404


# --- property: no personal data over generated submissions --------------------------------

emails = st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,5})?@[a-z]{2,8}\.(dk|com)", fullmatch=True)
phones = st.builds(
    lambda d, style: style.format(*d),
    st.lists(st.integers(10, 99).map(str), min_size=4, max_size=4),
    st.sampled_from(["{}{}{}{}", "{} {} {} {}", "+45 {}{}{}{}", "{}{}-{}{}", "+45 {} {} {} {}"]),
)
cprs = st.builds(
    lambda day, month, year, tail, sep: f"{day:02d}{month:02d}{year:02d}{sep}{tail:04d}",
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(0, 99),
    st.integers(0, 9999),
    st.sampled_from(["-", "", " "]),
)
words = st.lists(st.sampled_from(["Hul", "i", "vejen", "ved", "skolen", "ring", "til", "mig"]))
secrets = st.lists(st.one_of(emails, phones, cprs), min_size=1, max_size=4)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(secrets=secrets, filler=words)
def test_open_data_never_holds_personal_data(client, world, secrets, filler):
    # given: personal data typed into every free-text field that is published
    text = " ".join(filler) + " " + " , ".join(secrets) + " tak"
    submission = SubmissionFactory(
        municipality=world.a,
        category=world.veje,
        title=text[:200],
        public_title=text[:200],
        description=text,
        public_description=text,
        public_suggestion=text,
        public_answer=text,
        contact_name="Karen Blixen Jensen",
        contact_email="karen@blixen.dk",
        contact_phone="+45 11 22 33 44",
    )
    try:
        # when
        for fmt in ("csv", "json"):
            body = _body(client, _url("submissions", fmt))
            # then
            for secret in [*secrets, "Karen Blixen", "karen@blixen.dk", "11 22 33 44"]:
                assert secret not in body, (secret, fmt)
    finally:
        submission.delete()
