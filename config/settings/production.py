"""Production: HTTPS, strict cookies, HSTS. Passes `manage.py check --deploy`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("ENKELT_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("ENKELT_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
