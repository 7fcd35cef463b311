"""Named permissions for municipalities and units (see docs/permissions.md)."""

import rules

from enkelt.tenants.predicates import is_administrator, is_management, is_member, is_national_kl

# Anyone, also anonymous citizens, may see a municipality's public page.
rules.add_perm("tenants.view_public_municipality", rules.always_allow)
# The staff home and internal lists: staff of that municipality.
rules.add_perm("tenants.view_staff_area", is_member)
# The organisation tree including units that are not public.
rules.add_perm("tenants.view_unit_tree", is_member)
# Change units: the municipality's administrators.
rules.add_perm("tenants.change_unit", is_member & is_administrator)
# Change municipality settings (tariff, contact): administrators.
rules.add_perm("tenants.change_municipality", is_member & is_administrator)
# Manage memberships (who works where, with which role): administrators.
rules.add_perm("tenants.manage_memberships", is_member & is_administrator)
# Read the audit trail of the municipality: chiefs, directors and administrators.
rules.add_perm("tenants.view_audit_trail", is_member & is_management)
# KL sees the list of municipalities and what they escalate or publish, never internals.
rules.add_perm("tenants.view_national_overview", is_national_kl)
