"""Production: HTTPS, strict cookies, HSTS. Passes `manage.py check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env

# The development default in base.py is public; production must never sign with it.
SECRET_KEY = env("ENKELT_SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured(
        "Set ENKELT_SECRET_KEY to a long random value: production refuses the development key."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("ENKELT_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("ENKELT_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
