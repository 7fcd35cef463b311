"""KL's national overview, under `/kl/` (names without a namespace)."""

urlpatterns: list = []
