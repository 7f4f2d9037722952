"""The desk's JSON API (django-ninja), mounted at /api/: OpenAPI at /api/openapi.json, docs at /api/docs."""
