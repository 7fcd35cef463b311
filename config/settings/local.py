"""Settings for `make run`: the production-like server on http://127.0.0.1:8000 without HTTPS.

Everything is as in production except the HTTPS-only cookies and redirects, which need TLS
in front of the server.
"""

from .base import *
