"""The case workers' inbox: pages (list, detail, moderation) and actions (writes)."""
