"""Serialising Open311 documents as XML or JSON, from one plain structure.

Views build dicts and lists of plain values (str, int, float, bool, None);
this module writes them either way, following the spec's XML-to-JSON mapping:
an XML list element (`<services>`) holds one child per item (`<service>`), and
in JSON it is simply an array. XML has no namespace and starts with the
declaration the spec asks for. Characters XML 1.0 cannot carry (control
characters a client may have posted) are dropped from XML only.
"""

import json
import re
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

from enkelt.open311.errors import Open311Error

XML = "xml"
JSON = "json"
CONTENT_TYPES = {XML: "text/xml; charset=utf-8", JSON: "application/json; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# List element → its item element, as in the spec's examples.
LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML_CHAR.sub("", str(value))


def _fill(element: Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(SubElement(element, key), child)
    elif isinstance(value, list):
        item_tag = LIST_ITEMS[element.tag]
        for item in value:
            _fill(SubElement(element, item_tag), item)
    else:
        element.text = _xml_text(value)


def to_xml(root: str, value: Any) -> str:
    element = Element(root)
    _fill(element, value)
    return XML_DECLARATION + tostring(element, encoding="unicode")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """`value` under the XML root `root` (a list's items named by LIST_ITEMS), or as JSON."""
    body = to_xml(root, value) if fmt == XML else to_json(value)
    return HttpResponse(body.encode("utf-8"), status=status, content_type=CONTENT_TYPES[fmt])


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    errors = [{"code": error.status, "description": d} for d in error.descriptions]
    response = render(fmt if fmt in CONTENT_TYPES else JSON, "errors", errors, status=error.status)
    if error.status == 503:
        response["Retry-After"] = "10"  # the database is unreachable: a retry soon may succeed
    return response
