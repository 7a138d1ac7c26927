"""The read API's OpenAPI document, as served at /api/v1/openapi.json and committed in docs."""

import json

from warta.api.endpoints import api

PREFIX = "/api/v1"


def openapi_document():
    """Return the OpenAPI document of the API mounted at /api/v1/."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix=PREFIX)))


def dumps(document):
    """Return the document as the committed docs/api/openapi.json spells it."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
