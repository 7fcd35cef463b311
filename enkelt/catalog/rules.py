"""Named permissions of the inspiration catalogue (docs/permissions.md, "Inspiration catalogue").

Published examples are public. A municipality's leaders, chiefs, directors and administrators
publish their own decided cases (the object is the case or the municipality; the tenant check
comes first). KL curates: edits, unpublishes and marks examples as curated.
"""

import rules

from enkelt.tenants.predicates import is_manager, is_member, is_national_kl

rules.add_perm("catalog.view_example", rules.always_allow)
rules.add_perm("catalog.publish_case", is_member & is_manager)
rules.add_perm("catalog.curate_example", is_national_kl)
