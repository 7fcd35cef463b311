"""Request bodies for the benchmark's POST endpoints, built once per run.

The submission POST carries a photo as a phone sends it: a 3 MB JPEG with EXIF
metadata (camera, GPS position) that the server must resize and strip. The image is
noise so that JPEG cannot compress it below the target size.
"""

import io
import random
import uuid
from collections.abc import Callable

PHOTO_BYTES = 3 * 1024 * 1024


def phone_photo(min_bytes: int = PHOTO_BYTES, seed: int = 311) -> bytes:
    """A JPEG of at least `min_bytes` with camera and GPS EXIF tags."""
    from PIL import Image

    rng = random.Random(seed)
    width, height = 1600, 1200
    while True:
        image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
        exif = Image.Exif()
        exif[0x010F] = "BenchPhone"  # Make
        exif[0x0110] = "Model 3"  # Model
        exif[0x8825] = {1: "N", 2: (55.0, 43.0, 0.0), 3: "E", 4: (11.0, 43.0, 0.0)}  # GPS
        out = io.BytesIO()
        image.save(out, "JPEG", quality=95, exif=exif)
        if out.tell() >= min_bytes:
            return out.getvalue()
        width, height = int(width * 1.25), int(height * 1.25)


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data request."""
    boundary = f"enkelt-bench-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        parts.append(head + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def open311_report_with_photo(context: dict[str, str]) -> tuple[bytes, str]:
    """An Open311 `POST requests.json` with the demo key and one 3 MB phone photo."""
    fields = {
        "jurisdiction_id": context["municipality"],
        "api_key": context["open311_key"],
        "service_code": context["fault_service_code"],
        "lat": "55.7158",
        "long": "11.7128",
        "description": "Hul i vejen ved rundkørslen (benchmark)",
    }
    return multipart(fields, {"media": ("photo.jpg", phone_photo(), "image/jpeg")})


BODIES: dict[str, Callable[[dict[str, str]], tuple[bytes, str]]] = {
    "open311_report_with_photo": open311_report_with_photo,
}
