"""Named permissions for simplification (see docs/permissions.md).

Objects are a Municipality or anything with a `municipality` (a case, an
application); the tenant check (`is_member`) always comes first. KL users have
no membership: they only see the national list of what municipalities escalate
or decide (published decisions).
"""

import rules

from enkelt.tenants.predicates import (
    is_administrator,
    is_chief,
    is_director,
    is_employee,
    is_leader,
    is_manager,
    is_member,
    is_national_kl,
)

is_case_worker = is_employee | is_leader | is_chief | is_director | is_administrator

# The case list, a case's details, campaigns, exemption applications and the funnel.
rules.add_perm("simplification.view_case", is_member)
# Flag a rule from its page; link hassle submissions to rules in the inbox.
rules.add_perm("simplification.flag_rule", is_member & is_case_worker)
# Select, put back, decide, record realised hours; campaigns and exemption applications.
rules.add_perm("simplification.decide_case", is_member & is_manager)
# State-origin rules escalated or decided across municipalities, as one list.
rules.add_perm("simplification.view_national_list", is_national_kl)
# The public list of decisions with reasons, and its CSV export: everyone.
rules.add_perm("simplification.view_decisions", rules.always_allow)
