"""Parsing Open311 parameters: dates, lists, attributes, text."""

from datetime import UTC, datetime

import pytest
from django.http import QueryDict

from enkelt.open311.errors import Open311Error
from enkelt.open311.params import (
    attributes,
    clean_text,
    comma_list,
    parse_datetime,
    requests_query,
    updates_query,
)

NOON_UTC = datetime(2026, 11, 22, 11, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22T11:00:00Z",
        "2026-11-22T11:00:00z",
        "2026-11-22T12:00:00+01:00",
        "2026-11-22T12:00:00 01:00",  # '+' decoded as a space
        "2026-11-22T06:00:00-05:00",
        "2026-11-22T12:00:00.000+01:00",
        "2026-11-22T12:00:00",  # no zone: Danish time (winter, +01:00)
        " 2026-11-22T11:00:00Z ",
    ],
)
def test_parse_datetime_accepts(text):
    assert parse_datetime(text, "start_date") == NOON_UTC


def test_parse_datetime_date_alone_is_local_midnight():
    assert parse_datetime("2026-07-01", "d") == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "igår",
        "2026-11-22T25:00:00Z",
        "2026-02-30T00:00:00Z",
        "0001-01-01T00:00:00+01:00",  # before the first representable instant
        "9999-12-31T23:59:59-23:59",  # after the last
        "2026-11-22T12:00:00+25:00",
        "1" * 100,
        "2026-11-22T12:00:00x",
    ],
)
def test_parse_datetime_refuses_with_400(text):
    with pytest.raises(Open311Error) as refused:
        parse_datetime(text, "start_date")
    assert refused.value.status == 400
    assert "start_date" in refused.value.descriptions[0]


def test_comma_list_splits_trims_dedupes_and_accepts_repeats():
    data = QueryDict("service_code=a,%20b,,a&service_code=c")
    assert comma_list(data, "service_code") == ["a", "b", "c"]


def test_comma_list_refuses_too_many():
    data = QueryDict("x=" + ",".join(str(i) for i in range(1001)))
    with pytest.raises(Open311Error):
        comma_list(data, "x")


def test_attributes_single_lists_and_junk():
    data = QueryDict(
        "attribute[size]=large&attribute[where][]=lane&attribute[where][]=kerb"
        "&attribute[]=x&attribute[a][b]=y&attributes[z]=1&attribute[twice]=1&attribute[twice]=2"
    )
    assert attributes(data) == {
        "size": "large",
        "where": ["lane", "kerb"],
        "twice": ["1", "2"],
    }


def test_clean_text_drops_nul_and_lone_surrogates():
    assert clean_text("a\x00b\udcff") == "ab?"


def test_requests_query_defaults_to_the_last_90_days():
    query = requests_query(QueryDict(""), now=NOON_UTC)
    assert (NOON_UTC - query.start).days == 90
    assert query.end is None and query.page == 1 and query.page_size == 1000


def test_requests_query_with_only_an_end_looks_90_days_back():
    query = requests_query(QueryDict("end_date=2026-11-22T11:00:00Z"))
    assert query.end == NOON_UTC and (NOON_UTC - query.start).days == 90


def test_requests_query_ids_override_and_unknown_ids_match_nothing():
    query = requests_query(QueryDict("service_request_id=k7m4qx,nope&status=bogus"))
    assert query.service_request_ids == ["K7M-4QX"]
    assert query.statuses == [] and query.start is None
    assert requests_query(QueryDict("service_request_id=nope")).service_request_ids == ["-"]


def test_updates_query_window():
    query = updates_query(QueryDict("start_date=2026-11-22T11:00:00Z"))
    assert query.start == NOON_UTC and query.end is None
