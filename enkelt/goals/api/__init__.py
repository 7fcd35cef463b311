"""REST API of the goals app: `agreements/` and `indicators/`."""
