"""Pages of the simplification app, one module per audience (see urls.py)."""
