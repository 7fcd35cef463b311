"""Import and export of rules with their activities as CSV or XLSX (one row per activity)."""
