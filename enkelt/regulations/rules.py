"""Named permissions for the rule registry (see docs/permissions.md, "Rule registry").

Objects are a Municipality or anything with a `municipality` (a Rule). The tenant
check (`is_member`) always comes first, so a user of another municipality is
refused whatever the role; citizens have no membership and see nothing.
"""

import rules

from enkelt.tenants.predicates import is_management, is_manager, is_member

# The registry, a rule's page with its burden and history, roll-ups, candidates, ledger.
rules.add_perm("regulations.view_rule", is_member)
# Register rules, edit them and their activities, take snapshots.
rules.add_perm("regulations.add_rule", is_member & is_manager)
rules.add_perm("regulations.change_rule", is_member & is_manager)
# Download the registry as CSV or XLSX.
rules.add_perm("regulations.export_rules", is_member)
# Upload CSV/XLSX files of rules and activities.
rules.add_perm("regulations.import_rules", is_member & is_manager)
# Record entries in the offset ledger.
rules.add_perm("regulations.change_offset_ledger", is_member & is_manager)
# Job-family tariffs used for every burden in the municipality.
rules.add_perm("regulations.change_tariffs", is_member & is_management)
