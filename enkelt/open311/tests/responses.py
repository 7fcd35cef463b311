"""Building Open311 requests and reading their answers in tests, in both formats."""

import io
import json
from typing import Any
from xml.etree import ElementTree

from PIL import Image

KEY = "test-open311-key-alfa"
OTHER_KEY = "test-open311-key-beta"
BASE = "/open311/v2/"


def url(resource: str, fmt: str = "json") -> str:
    return f"{BASE}{resource}.{fmt}"


def post_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "jurisdiction_id": "alfa",
        "api_key": KEY,
        "service_code": "huller",
        "lat": "55.716",
        "long": "11.713",
        "description": "Stort hul foran nummer 12",
        "email": "borger@example.org",
        "first_name": "Bodil",
        "last_name": "Borgersen",
        "phone": "+45 11 22 33 44",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def parse(response: Any, fmt: str) -> Any:
    """The body as JSON, or as an XML element (after checking the declaration)."""
    body = response.content.decode("utf-8")
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
        return json.loads(body)
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    assert body.startswith('<?xml version="1.0" encoding="utf-8"?>'), body[:80]
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert "}" not in root.tag, "no namespace"
    return root


def errors_of(response: Any, fmt: str) -> list[dict[str, Any]]:
    """The error list; checks its shape in either format."""
    data = parse(response, fmt)
    if fmt == "json":
        assert isinstance(data, list) and data, data
        for error in data:
            assert set(error) == {"code", "description"}
            assert error["code"] == response.status_code
            assert isinstance(error["description"], str) and error["description"]
        return data
    assert data.tag == "errors"
    found = []
    for element in data:
        assert element.tag == "error"
        code, description = element.findtext("code"), element.findtext("description")
        assert code == str(response.status_code)
        assert description
        found.append({"code": int(code), "description": description})
    assert found
    return found


def jpeg_bytes(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "JPEG")
    return buffer.getvalue()
