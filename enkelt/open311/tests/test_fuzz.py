"""Property-based fuzzing of the Open311 endpoints: no input may cause a server error.

Random strings, bytes, dates and numbers go into every parameter of GET and
POST, in both formats. Every answer must be below 500 and parse as the
requested format; every error must be an Open311 error list. Any other path or
method under /open311/ must also answer JSON or XML, never an HTML error page.
"""

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote_from_bytes
from xml.etree import ElementTree

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enkelt.open311.tests.responses import KEY, errors_of, parse, url

FUZZ = settings(
    # OPEN311_FUZZ_EXAMPLES=1000 for a longer hunt than CI's.
    max_examples=int(os.environ.get("OPEN311_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

offsets = st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m)))
dates = st.one_of(
    st.datetimes(timezones=offsets).map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.just(UTC)).map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")),
    st.datetimes(timezones=offsets).map(lambda d: d.isoformat().replace("+", " ")),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat(sep=" ")),
)
numbers = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True).map(str),
)
values = st.one_of(st.text(max_size=60), dates, numbers, st.sampled_from(["", "open", "closed"]))
raw_bytes = st.binary(max_size=80).map(quote_from_bytes)

GET_PARAMS = [
    "service_request_id",
    "service_code",
    "start_date",
    "end_date",
    "status",
    "page",
    "page_size",
    "updated_after",
    "updated_before",
]
POST_PARAMS = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "attribute[size]",
    "attribute[where][]",
    "attribute[depth]",
    "attribute[bin]",
]
GET_RESOURCES = [
    "discovery",
    "services",
    "services/huller",
    "requests",
    "requests/ABC-DEF",
    "tokens/x",
    "servicerequestupdates",
]


def _assert_well_formed(response, fmt):
    assert response.status_code < 500, (response.status_code, response.content[:500])
    if response.status_code >= 400:
        errors_of(response, fmt)
    else:
        parse(response, fmt)


def _query(params, raw):
    parts = [
        f"{quote_from_bytes(k.encode())}={quote_from_bytes(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in params.items()
    ]
    return "&".join([*parts, *raw])


@FUZZ
@given(
    resource=st.sampled_from(GET_RESOURCES),
    fmt=st.sampled_from(["json", "xml"]),
    jurisdiction=st.one_of(st.just("alfa"), st.text(max_size=20)),
    params=st.dictionaries(st.sampled_from(GET_PARAMS), values, max_size=5),
    raw=st.lists(st.tuples(st.sampled_from(GET_PARAMS), raw_bytes).map("=".join), max_size=2),
)
def test_get_never_fails(client, world, resource, fmt, jurisdiction, params, raw):
    params = {"jurisdiction_id": jurisdiction, **params}
    response = client.get(f"{url(resource, fmt)}?{_query(params, raw)}")
    _assert_well_formed(response, fmt)


@FUZZ
@given(
    fmt=st.sampled_from(["json", "xml"]),
    params=st.dictionaries(st.sampled_from(POST_PARAMS), values, max_size=8),
    raw=st.lists(st.tuples(st.sampled_from(POST_PARAMS), raw_bytes).map("=".join), max_size=3),
    location=st.booleans(),
)
def test_urlencoded_post_never_fails(client, world, fmt, params, raw, location):
    base = {"jurisdiction_id": "alfa", "api_key": KEY, "service_code": "huller"}
    if location:
        base.update({"lat": "55.7", "long": "11.7"})
    body = _query({**base, **params}, raw).encode("ascii")
    response = client.generic(
        "POST", url("requests", fmt), body, content_type="application/x-www-form-urlencoded"
    )
    _assert_well_formed(response, fmt)


@FUZZ
@given(
    fmt=st.sampled_from(["json", "xml"]),
    params=st.dictionaries(st.sampled_from(POST_PARAMS), st.text(max_size=40), max_size=6),
    file_field=st.sampled_from(["media", "media[]", "photo1", "x"]),
    content=st.binary(max_size=300),
)
def test_multipart_post_never_fails(client, world, fmt, params, file_field, content):
    data = {
        "jurisdiction_id": "alfa",
        "api_key": KEY,
        "service_code": "huller",
        "lat": "55.7",
        "long": "11.7",
        **{k: v.replace("\x00", "") for k, v in params.items()},
        file_field: SimpleUploadedFile("f.jpg", content),
    }
    response = client.post(url("requests", fmt), data)
    _assert_well_formed(response, fmt)


@FUZZ
@given(fmt=st.sampled_from(["json", "xml"]), body=st.binary(max_size=300), kind=st.integers(0, 2))
def test_raw_body_never_fails(client, world, fmt, body, kind):
    content_type = [
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/json",
    ][kind]
    response = client.generic(
        "POST", f"{url('requests', fmt)}?jurisdiction_id=alfa", body, content_type=content_type
    )
    _assert_well_formed(response, fmt)


def test_fuzzed_dates_round_trip_when_valid(client, world):
    """A sanity check that the date strategy produces dates the server accepts."""
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-3)))
    response = client.get(
        url("requests"), {"jurisdiction_id": "alfa", "start_date": when.isoformat()}
    )
    assert response.status_code == 200


def _assert_json_or_xml(response):
    """Whatever the path or method: below 500, and the body is JSON or XML, never HTML."""
    assert response.status_code < 500, (response.status_code, response.content[:300])
    content_type = response["Content-Type"]
    body = response.content.decode("utf-8")
    if content_type.startswith("application/json"):
        json.loads(body)
    else:
        assert content_type.startswith("text/xml"), (response.request["PATH_INFO"], content_type)
        assert body.startswith('<?xml version="1.0" encoding="utf-8"?>'), body[:80]
        ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert "<html" not in body.lower()


segments = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20
)


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]),
    parts=st.lists(segments, min_size=0, max_size=3),
    suffix=st.sampled_from(["", ".json", ".xml", ".html", ".JSON", "/", ".json/", ".xml.json"]),
    body=st.binary(max_size=100),
)
def test_any_path_and_method_answers_json_or_xml(client, world, method, parts, suffix, body):
    path = "/open311/v2/" + "/".join(quote_from_bytes(p.encode()) for p in parts) + suffix
    response = client.generic(method, path, body, content_type="application/x-www-form-urlencoded")
    if method == "HEAD":
        assert response.status_code < 500
        return
    _assert_json_or_xml(response)
