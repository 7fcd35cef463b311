"""Test settings: fast hashing, in-memory e-mail and tasks run immediately."""

import tempfile
from pathlib import Path

from .base import *
from .base import BASE_DIR, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests see every change at once; tests of the page cache turn it on.
ENKELT_PUBLIC_PAGE_CACHE_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# scripts/check_translations.py runs makemessages into a scratch copy of locale/.
LOCALE_PATHS = [Path(env("ENKELT_CHECK_LOCALE_DIR", default=str(BASE_DIR / "locale")))]

# Uploaded files written by tests go to a scratch folder, never to var/media.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "enkelt-test-media"
