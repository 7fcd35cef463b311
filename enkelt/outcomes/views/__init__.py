"""Pages of outcome documentation: courses of one's own offer, and aggregates."""
