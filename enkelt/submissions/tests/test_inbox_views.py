"""Inbox pages: who may see them, filters, sorting, search, saved filters, query counts."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enkelt.audit.models import AuditEvent
from enkelt.submissions.models import Photo, SavedFilter, Submission
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    MunicipalityFactory,
    SubmissionFactory,
    UnitFactory,
)
from enkelt.tenants.models import Role

pytestmark = pytest.mark.django_db
Status = Submission.Status


def staff(municipality, role=Role.EMPLOYEE, **kwargs):
    """A member of `municipality`; administrators get TOTP so the MFA gate lets them in."""
    user = MembershipFactory.create(municipality=municipality, role=role, **kwargs).user
    if role == Role.ADMINISTRATOR:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    return user


def inbox_url(municipality, **query):
    url = reverse("submissions:inbox", args=[municipality.slug])
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def detail_url(submission):
    return reverse(
        "submissions:inbox_detail", args=[submission.municipality.slug, submission.public_id]
    )


def codes_in(response):
    """Tracking codes of the table's rows, in order."""
    return [s.tracking_code for s in response.context["page"].object_list]


# ---------------------------------------------------------------------------
# Permission matrix
# ---------------------------------------------------------------------------

ALLOWED_ROLES = [Role.EMPLOYEE, Role.LEADER, Role.ADMINISTRATOR]


@pytest.mark.parametrize("role", ALLOWED_ROLES)
def test_case_workers_of_the_municipality_see_inbox_and_detail(client, municipality, role):
    submission = SubmissionFactory.create(municipality=municipality, title="Væltet skilt")
    client.force_login(staff(municipality, role))

    response = client.get(inbox_url(municipality))
    assert response.status_code == 200
    assert "Væltet skilt" in response.content.decode()

    response = client.get(detail_url(submission))
    assert response.status_code == 200
    assert submission.tracking_code in response.content.decode()


@pytest.mark.parametrize(
    "name", ["inbox", "inbox_detail", "inbox_moderation"], ids=["list", "detail", "moderation"]
)
def test_council_member_is_refused(client, municipality, name):
    submission = SubmissionFactory.create(municipality=municipality)
    client.force_login(staff(municipality, Role.COUNCIL_MEMBER))
    args = [municipality.slug] + ([submission.public_id] if name == "inbox_detail" else [])
    response = client.get(reverse(f"submissions:{name}", args=args))
    assert response.status_code == 403
    assert submission.title not in response.content.decode()


@pytest.mark.parametrize("name", ["inbox", "inbox_detail", "inbox_moderation"])
def test_other_municipalitys_staff_get_404(client, municipality, name):
    submission = SubmissionFactory.create(municipality=municipality, contact_email="x@example.dk")
    client.force_login(staff(MunicipalityFactory.create(), Role.ADMINISTRATOR))
    args = [municipality.slug] + ([submission.public_id] if name == "inbox_detail" else [])
    response = client.get(reverse(f"submissions:{name}", args=args))
    assert response.status_code == 404
    assert "x@example.dk" not in response.content.decode()


def test_detail_of_another_municipality_through_own_slug_is_404(client, municipality):
    other = SubmissionFactory.create()  # another municipality
    client.force_login(staff(municipality))
    url = reverse("submissions:inbox_detail", args=[municipality.slug, other.public_id])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, municipality):
    response = client.get(inbox_url(municipality))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_employee_may_not_open_the_moderation_queue_but_a_leader_may(client, municipality):
    client.force_login(staff(municipality, Role.EMPLOYEE))
    assert (
        client.get(reverse("submissions:inbox_moderation", args=[municipality.slug])).status_code
        == 403
    )
    client.force_login(staff(municipality, Role.LEADER))
    assert (
        client.get(reverse("submissions:inbox_moderation", args=[municipality.slug])).status_code
        == 200
    )


def test_navigation_shows_inbox_for_case_workers_only(client, municipality):
    client.force_login(staff(municipality, Role.EMPLOYEE))
    body = client.get(reverse("staff_home", args=[municipality.slug])).content.decode()
    assert inbox_url(municipality) in body
    assert reverse("submissions:inbox_moderation", args=[municipality.slug]) not in body

    client.force_login(staff(municipality, Role.COUNCIL_MEMBER))
    body = client.get(reverse("staff_home", args=[municipality.slug])).content.decode()
    assert inbox_url(municipality) not in body

    client.force_login(staff(municipality, Role.LEADER))
    body = client.get(reverse("staff_home", args=[municipality.slug])).content.decode()
    assert reverse("submissions:inbox_moderation", args=[municipality.slug]) in body


# ---------------------------------------------------------------------------
# Filters, search, sorting, pagination
# ---------------------------------------------------------------------------


@pytest.fixture
def worker(municipality):
    return staff(municipality)


def test_filters_by_kind_status_category_unit_channel(client, municipality, worker):
    hassle = CategoryFactory.create(municipality=municipality, kind="hassle")
    fault = SubmissionFactory.create(municipality=municipality)
    bother = SubmissionFactory.create(
        municipality=municipality, category=hassle, status=Status.IN_PROGRESS, channel="open311"
    )
    closed = SubmissionFactory.create(municipality=municipality, status=Status.CLOSED)
    client.force_login(worker)

    assert codes_in(client.get(inbox_url(municipality, kind="hassle"))) == [bother.tracking_code]
    assert set(codes_in(client.get(inbox_url(municipality, status="open")))) == {
        fault.tracking_code,
        bother.tracking_code,
    }
    assert codes_in(client.get(inbox_url(municipality, status="closed"))) == [closed.tracking_code]
    assert codes_in(client.get(inbox_url(municipality, category=hassle.pk))) == [
        bother.tracking_code
    ]
    assert codes_in(client.get(inbox_url(municipality, unit=hassle.unit_id))) == [
        bother.tracking_code
    ]
    assert codes_in(client.get(inbox_url(municipality, channel="open311"))) == [
        bother.tracking_code
    ]


def test_filters_by_assignee_mine_and_unassigned(client, municipality, worker):
    colleague = staff(municipality)
    mine = SubmissionFactory.create(municipality=municipality, assignee=worker)
    theirs = SubmissionFactory.create(municipality=municipality, assignee=colleague)
    nobody = SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    assert codes_in(client.get(inbox_url(municipality, assignee="me"))) == [mine.tracking_code]
    assert codes_in(client.get(inbox_url(municipality, assignee=colleague.pk))) == [
        theirs.tracking_code
    ]
    assert codes_in(client.get(inbox_url(municipality, assignee="none"))) == [nobody.tracking_code]


def test_filters_overdue_age_and_photo(client, municipality, worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    late = SubmissionFactory.create(municipality=municipality, due_at=today - timedelta(days=1))
    SubmissionFactory.create(
        municipality=municipality, due_at=today - timedelta(days=1), status=Status.ANSWERED
    )
    SubmissionFactory.create(municipality=municipality, due_at=today + timedelta(days=3))
    old = SubmissionFactory.create(municipality=municipality)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    Photo.objects.create(municipality=municipality, submission=late, image="photos/x.jpg")
    client.force_login(worker)

    response = client.get(inbox_url(municipality, overdue="on"))
    assert codes_in(response) == [late.tracking_code]
    assert "enkelt-overdue" in response.content.decode()
    assert codes_in(client.get(inbox_url(municipality, age="older_month"))) == [old.tracking_code]
    assert old.tracking_code not in codes_in(client.get(inbox_url(municipality, age="week")))
    assert codes_in(client.get(inbox_url(municipality, has_photo="on"))) == [late.tracking_code]


def test_search_title_description_and_tracking_code(client, municipality, worker):
    lamp = SubmissionFactory.create(municipality=municipality, title="Gadelampe slukket")
    bench = SubmissionFactory.create(
        municipality=municipality, title="Bænk", description="Bænken i parken er knækket"
    )
    client.force_login(worker)
    assert codes_in(client.get(inbox_url(municipality, q="gadelampe"))) == [lamp.tracking_code]
    # upper case: ASCII only, since SQLite's LIKE folds only ASCII letters
    assert codes_in(client.get(inbox_url(municipality, q="PARKEN ER"))) == [bench.tracking_code]
    typed = bench.tracking_code.replace("-", " ").lower()
    assert codes_in(client.get(inbox_url(municipality, q=typed))) == [bench.tracking_code]


def test_invalid_filter_values_are_ignored(client, municipality, worker):
    submission = SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    response = client.get(inbox_url(municipality, status="bogus", category="x", sort="nope"))
    assert response.status_code == 200
    assert codes_in(response) == [submission.tracking_code]


def test_other_municipalitys_category_is_not_a_filter(client, municipality, worker):
    foreign = CategoryFactory.create()
    SubmissionFactory.create(municipality=foreign.municipality, category=foreign)
    own = SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    assert codes_in(client.get(inbox_url(municipality, category=foreign.pk))) == [own.tracking_code]


def test_sorting_by_created_due_and_status(client, municipality, worker):
    today = timezone.localdate()
    first = SubmissionFactory.create(
        municipality=municipality, due_at=today + timedelta(days=9), status=Status.CLOSED
    )
    second = SubmissionFactory.create(
        municipality=municipality, due_at=today + timedelta(days=1), status=Status.RECEIVED
    )
    third = SubmissionFactory.create(
        municipality=municipality, due_at=today + timedelta(days=5), status=Status.IN_PROGRESS
    )
    client.force_login(worker)
    codes = lambda **q: codes_in(client.get(inbox_url(municipality, **q)))  # noqa: E731
    assert codes() == [third.tracking_code, second.tracking_code, first.tracking_code]
    assert codes(sort="created") == [first.tracking_code, second.tracking_code, third.tracking_code]
    assert codes(sort="due") == [second.tracking_code, third.tracking_code, first.tracking_code]
    assert codes(sort="-due") == [first.tracking_code, third.tracking_code, second.tracking_code]
    assert codes(sort="status") == [second.tracking_code, third.tracking_code, first.tracking_code]


def test_sort_links_toggle_and_announce_direction(client, municipality, worker):
    SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    response = client.get(inbox_url(municipality, sort="due", kind="fault"))
    links = response.context["sort_links"]
    assert links["due"]["aria"] == "ascending"
    assert "sort=-due" in links["due"]["url"] and "kind=fault" in links["due"]["url"]
    assert 'aria-sort="ascending"' in response.content.decode()


def test_pagination_50_per_page(client, municipality, worker):
    category = CategoryFactory.create(municipality=municipality)
    SubmissionFactory.create_batch(51, municipality=municipality, category=category)
    client.force_login(worker)
    assert len(codes_in(client.get(inbox_url(municipality)))) == 50
    assert len(codes_in(client.get(inbox_url(municipality, page=2)))) == 1


# ---------------------------------------------------------------------------
# Saved filters
# ---------------------------------------------------------------------------


def test_save_list_and_delete_a_filter(client, municipality, worker):
    client.force_login(worker)
    save = reverse("submissions:inbox_filter_save", args=[municipality.slug])
    response = client.post(save, {"name": "Mine åbne", "query": "status=open&assignee=me"})
    assert response.status_code == 302
    assert response["Location"].endswith("?status=open&assignee=me")
    saved = SavedFilter.objects.get(user=worker)
    assert (saved.name, saved.query, saved.municipality) == (
        "Mine åbne",
        "status=open&assignee=me",
        municipality,
    )
    assert AuditEvent.objects.filter(verb="saved_filter.created", object_id=str(saved.pk)).exists()

    body = client.get(inbox_url(municipality)).content.decode()
    assert "Mine åbne" in body and "?status=open&amp;assignee=me" in body

    delete = reverse("submissions:inbox_filter_delete", args=[municipality.slug])
    client.post(delete, {"filter": saved.pk})
    assert not SavedFilter.objects.exists()
    assert AuditEvent.objects.filter(verb="saved_filter.deleted").exists()


def test_saved_filters_are_private_to_their_user(client, municipality, worker):
    colleague = staff(municipality)
    theirs = SavedFilter.objects.create(
        municipality=municipality, user=colleague, name="Kollegas", query="kind=idea"
    )
    client.force_login(worker)
    assert "Kollegas" not in client.get(inbox_url(municipality)).content.decode()
    delete = reverse("submissions:inbox_filter_delete", args=[municipality.slug])
    assert client.post(delete, {"filter": theirs.pk}).status_code == 404
    assert SavedFilter.objects.filter(pk=theirs.pk).exists()


def test_saving_a_filter_without_a_name_is_refused(client, municipality, worker):
    client.force_login(worker)
    save = reverse("submissions:inbox_filter_save", args=[municipality.slug])
    response = client.post(
        save, {"name": "", "query": "kind=idea"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert not SavedFilter.objects.exists()
    assert "Give the filter a name" in response.content.decode()


# ---------------------------------------------------------------------------
# Query counts
# ---------------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_inbox_uses_a_constant_number_of_queries(client, municipality, worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    units = UnitFactory.create_batch(3, municipality=municipality)
    categories = [CategoryFactory.create(municipality=municipality, unit=u) for u in units]
    colleagues = [staff(municipality) for _ in range(3)]

    def add(n):
        for i in range(n):
            s = SubmissionFactory.create(
                municipality=municipality,
                category=categories[i % 3],
                assignee=colleagues[i % 3],
                due_at=timezone.localdate() - timedelta(days=i % 2),
            )
            if i % 4 == 0:
                Photo.objects.create(municipality=municipality, submission=s, image="p.jpg")

    client.force_login(worker)
    add(5)
    few, response = _count_queries(client, inbox_url(municipality, sort="status"))
    assert len(codes_in(response)) == 5
    add(35)
    many, response = _count_queries(client, inbox_url(municipality, sort="status"))
    assert len(codes_in(response)) == 40
    assert few == many, f"{few} queries for 5 rows, {many} for 40"


def test_moderation_queue_uses_a_constant_number_of_queries(client, municipality):
    client.force_login(staff(municipality, Role.LEADER))
    url = reverse("submissions:inbox_moderation", args=[municipality.slug])
    SubmissionFactory.create_batch(2, municipality=municipality, needs_moderation=True)
    few, _ = _count_queries(client, url)
    SubmissionFactory.create_batch(20, municipality=municipality, needs_moderation=True)
    many, response = _count_queries(client, url)
    assert few == many
    assert len(response.context["rows"]) == 22


def test_detail_shows_photos_through_the_photo_view(
    client, municipality, worker, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    submission = SubmissionFactory.create(municipality=municipality)
    photo = Photo.objects.create(
        municipality=municipality, submission=submission, image="p.jpg", width=640, height=480
    )
    client.force_login(worker)
    body = client.get(detail_url(submission)).content.decode()
    photo_url = reverse("submissions:photo", args=[municipality.slug, photo.public_id])
    assert f'src="{photo_url}"' in body


def test_detail_map_only_with_a_configured_tile_server(client, municipality, worker, settings):
    submission = SubmissionFactory.create(municipality=municipality)
    client.force_login(worker)
    settings.ENKELT_MAP_TILE_URL = ""
    body = client.get(detail_url(submission)).content.decode()
    assert "openstreetmap.org/?mlat=55.716000" in body
    assert "data-inbox-map" not in body
    settings.ENKELT_MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    body = client.get(detail_url(submission)).content.decode()
    assert 'data-tiles="/tiles/{z}/{x}/{y}.png"' in body
    assert "vendor/leaflet/leaflet.js" in body
