"""Named permissions for the overviews (see docs/permissions.md, "Dashboards and open data").

The tenant check (`is_member`) comes first. The council one-pager is for the
council, the directors and the administrators; the managers' view for leaders,
chiefs and directors (administrators too); exports for any staff member, each
dataset also needing the permission of the page it comes from (checked in
`exports.py`). KL reads only the national overview. Open data is public.
"""

import rules

from enkelt.tenants.predicates import (
    is_administrator,
    is_chief,
    is_council_member,
    is_director,
    is_leader,
    is_member,
    is_national_kl,
)

# The council one-pager, its PDF and the `overview/` API.
rules.add_perm(
    "dashboards.view_council", is_member & (is_council_member | is_director | is_administrator)
)
# "My part of the organisation": the same figures for the unit subtree and what needs action.
rules.add_perm(
    "dashboards.view_mine", is_member & (is_leader | is_chief | is_director | is_administrator)
)
# CSV/XLSX exports of lists (plus the permission of the list itself).
rules.add_perm("dashboards.export", is_member)
# KL's national overview.
rules.add_perm("dashboards.view_national", is_national_kl)
