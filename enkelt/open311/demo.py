"""The demo's Open311 key, fixed in contract.md so that demo clients can post at once."""

from enkelt.open311.keys import api_key_create
from enkelt.open311.models import ApiKey, hash_key
from enkelt.tenants.models import Municipality

DEMO_KEY = "demo-open311-key"
DEMO_CLIENT = "Demo-klient (Open311)"


def load_demo_api_key(municipality: Municipality) -> ApiKey:
    """Create the demo key for `municipality` unless it exists; idempotent.

    An existing key is returned as it is, even if an administrator revoked it
    (the demo must not undo what someone did on purpose).
    """
    existing = ApiKey.objects.filter(municipality=municipality, key_hash=hash_key(DEMO_KEY)).first()
    if existing is not None:
        return existing
    api_key, _clear = api_key_create(
        actor=None, municipality=municipality, name=DEMO_CLIENT, key=DEMO_KEY
    )
    return api_key
