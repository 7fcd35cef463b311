"""REST API of the submissions app: categories and submissions under `/api/v1/`.

`serializers.py` holds one input and one output serializer per operation,
`errors.py` maps the domain's errors onto JSON errors, `views.py` the viewsets.
"""
