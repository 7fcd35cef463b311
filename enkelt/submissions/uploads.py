"""Photo uploads: decoded as images, limited, re-encoded without metadata.

Nothing about an upload is trusted: not its name, not its declared content type,
not its extension. Pillow must decode it completely as JPEG, PNG, WebP, GIF or
the formats listed in ACCEPTED_FORMATS; the pixels are then re-encoded as a
fresh JPEG, which drops EXIF (including GPS), ICC profiles, comments and anything
appended to the file (polyglots). Decompression bombs are refused before decoding
by checking the declared dimensions against MAX_PIXELS.
"""

import io
import warnings
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 x 5000; larger is refused as a possible bomb
MAX_EDGE = 2048  # stored photos are resized to fit this box
JPEG_QUALITY = 82


@dataclass(frozen=True)
class ProcessedImage:
    content: bytes
    width: int
    height: int


def _refuse(message: "str | _StrPromise", code: str) -> ValidationError:
    return ValidationError(message, code=code)


def process_image(upload: IO[bytes], *, size: int | None = None) -> ProcessedImage:
    """Decode, check and re-encode one uploaded image; raise ValidationError with a code.

    Codes: `too_large` (bytes), `not_an_image`, `unsupported_format`, `too_many_pixels`.
    """
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise _refuse(_("The photo is too large. The limit is 15 MB."), "too_large")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(_("The photo is too large. The limit is 15 MB."), "too_large")
    not_an_image = _refuse(
        _("The file is not a photo we can read. Use a JPEG, PNG or WebP image."),
        "not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            image_format = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise not_an_image from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(_("The photo has too many pixels."), "too_many_pixels") from error
    if image_format not in ACCEPTED_FORMATS:
        raise _refuse(
            _("This kind of file is not accepted. Use a JPEG, PNG or WebP image."),
            "unsupported_format",
        )
    if width * height > MAX_PIXELS or width < 1 or height < 1:
        raise _refuse(_("The photo has too many pixels."), "too_many_pixels")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            image.load()
            image = ImageOps.exif_transpose(image) or image
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as error:
        raise not_an_image from error
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    # A fresh JPEG carries only pixels: no exif=, icc_profile= or comment is passed on.
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return ProcessedImage(content=out.getvalue(), width=image.width, height=image.height)
