"""The strategy portfolio's staff pages. Every view is scoped by `municipality_view(staff=True)`
(another municipality's staff get 404, anonymous callers the login page) and then checks a
named permission from `enkelt/strategy/rules.py` (403 otherwise)."""
