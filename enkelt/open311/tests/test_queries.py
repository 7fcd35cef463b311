"""The Open311 lists load in a number of queries that does not grow with their length."""

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enkelt.open311.tests.responses import jpeg_bytes, parse, url
from enkelt.submissions.models import Photo
from enkelt.submissions.services import submission_answer, submission_create


def _add(world, count):
    for i in range(count):
        submission = submission_create(
            actor=None,
            municipality=world.municipality,
            category=world.pothole if i % 2 else world.graffiti,
            title=f"Hul {i}",
            description="Beskrivelse",
            lat="55.7",
            lon="11.7",
        )
        photo = Photo(municipality=world.municipality, submission=submission)
        photo.image.save("p.jpg", ContentFile(jpeg_bytes()), save=True)
        submission_answer(
            actor=None, municipality=world.municipality, submission=submission, text="Svar"
        )


def _count(client, resource, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(resource), params)
    assert response.status_code == 200
    return len(queries), parse(response, "json")


def test_get_requests_query_count_is_constant(client, world):
    params = {"jurisdiction_id": "alfa"}
    _add(world, 2)
    few, data = _count(client, "requests", params)
    assert len(data) == 2
    _add(world, 12)
    many, data = _count(client, "requests", params)
    assert len(data) == 14
    assert many == few, f"{few} queries for 2 requests, {many} for 14"
    assert few <= 5


def test_service_request_updates_query_count_is_constant(client, world):
    params = {"jurisdiction_id": "alfa"}
    _add(world, 2)
    few, data = _count(client, "servicerequestupdates", params)
    assert len(data) == 4  # a status change and an answer each
    _add(world, 8)
    many, data = _count(client, "servicerequestupdates", params)
    assert len(data) == 20
    assert many == few


def test_services_query_count_is_constant(client, world):
    params = {"jurisdiction_id": "alfa"}
    few, data = _count(client, "services", params)
    for i in range(6):
        world.pothole.pk = None
        world.pothole.code = f"ekstra-{i}"
        world.pothole.save()
    many, more = _count(client, "services", params)
    assert len(more) == len(data) + 6
    assert many == few


def test_filtered_list_shows_each_first_photo_in_constant_queries(client, world):
    params = {"jurisdiction_id": "alfa", "service_code": world.pothole.code}
    _add(world, 4)
    few, data = _count(client, "requests", params)
    assert len(data) == 2 and {item["service_code"] for item in data} == {world.pothole.code}
    _add(world, 10)
    many, data = _count(client, "requests", params)
    assert len(data) == 7
    assert many == few
    for item in data:
        submission = world.municipality.submissions.get(tracking_code=item["service_request_id"])
        first = submission.photos.order_by("order", "id").first()
        assert f"/{first.public_id}." in item["media_url"], item["media_url"]
        assert item["service_name"] == world.pothole.name
        assert item["agency_responsible"]
