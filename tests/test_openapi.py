"""The OpenAPI document is valid, describes exactly the API the app serves, and the examples in
docs/api.md still match it. `CheckedClient` (used by test_api.py too) validates every answer."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound, ServerNotFound
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.test import EnvironBuilder, TestResponse
from werkzeug.wrappers import Request, Response

from indexer.search.query import SearchQuery
from webapp import create_app
from webapp.api.checks import SEARCH_PARAMETERS
from webapp.api.openapi import load_document
from indexer.search.params import parse_query

DOCUMENT = load_document()
OPENAPI = OpenAPI.from_dict(DOCUMENT)
API_DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"
_REGISTRY = Registry().with_resource("urn:peerjobs-api", Resource.from_contents(DOCUMENT, default_specification=DRAFT202012))


def schema_validator(name: str) -> Draft202012Validator:
    """A validator for one of the document's schemas, its $refs resolved within the document."""
    schema = {"$ref": f"urn:peerjobs-api#/components/schemas/{name}"}
    return Draft202012Validator(schema, registry=_REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER)


ERROR_SCHEMA = schema_validator("Error")


def check_against_document(response: TestResponse | Response, request: Request) -> None:
    """Status, headers and body as the document says; paths and methods it does not have must
    still answer in the error shape."""
    try:
        OPENAPI.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound, ServerNotFound):
        assert response.status_code >= 400, request.url
        ERROR_SCHEMA.validate(response.get_json())
        assert response.headers["Access-Control-Allow-Origin"] == "*"


class CheckedClient:
    """A Flask test client whose every answer must match the OpenAPI document."""

    def __init__(self, client):
        self.client = client
        self.checked = 0

    def open(self, url: str, method: str = "GET", **options) -> TestResponse:
        response = self.client.open(url, method=method, **options)
        check_against_document(response, response.request)
        self.checked += 1
        return response

    def get(self, url: str, **options) -> TestResponse:
        return self.open(url, **options)


# The document itself ---------------------------------------------------------------------------

def test_the_document_is_valid_openapi_3_1():
    validate_openapi(DOCUMENT)
    assert DOCUMENT["openapi"].startswith("3.1")


def test_the_document_describes_exactly_the_routes_the_app_serves(sqlite_settings):
    app = create_app(sqlite_settings, TESTING=True)
    served = {re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", re.sub(r"\([^)]*\)", "", rule.rule))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert served == {"/api/v1" + path for path in DOCUMENT["paths"]}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", re.sub(r"\([^)]*\)", "", rule.rule))
            documented = DOCUMENT["paths"][path[len("/api/v1"):]]
            assert set(rule.methods) - {"HEAD"} == {method.upper() for method in documented}


def test_job_search_takes_the_search_query_fields_and_the_page_parses_each_of_them():
    documented = [parameter["$ref"].rsplit("/", 1)[1] for parameter in DOCUMENT["paths"]["/jobs"]["get"]["parameters"]]
    assert documented == list(SEARCH_PARAMETERS)
    fields = [f.name for f in dataclasses.fields(SearchQuery)]
    assert sorted(fields) == sorted(SEARCH_PARAMETERS)
    samples = {"q": "coach", "where": "Dayton, OH", "radius": "50", "category": "peer_mentor",
               "remote": "true", "employment_type": "PART_TIME", "posted_within": "7",
               "pay_disclosed": "true", "min_hourly": "18", "no_certification_required": "true",
               "setting": "housing", "state": "OH", "sort": "date", "page": "2", "per_page": "10",
               "include_non_peer": "true", "include_closed": "true", "exact": "true", "fits_ssdi": "true",
               "weekly_hours": "under_20", "schedule": "nights", "no_license_mentioned": "true",
               "no_car_mentioned": "true", "no_background_check_mentioned": "true", "record_friendly": "true",
               "no_recovery_minimum": "true", "no_degree_needed": "true"}
    assert sorted(samples) == sorted(SEARCH_PARAMETERS)
    for name, value in samples.items():
        assert getattr(parse_query({name: value}), name) != getattr(SearchQuery(), name), name


def test_every_error_status_the_api_uses_is_in_the_error_schema():
    statuses = DOCUMENT["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["status"]["enum"]
    assert statuses == [400, 403, 404, 405, 413, 429, 500]
    for path in DOCUMENT["paths"].values():
        for operation in (path[method] for method in ("get", "post") if method in path):
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert answer["$ref"].startswith("#/components/responses/")


# docs/api.md -----------------------------------------------------------------------------------

def doc_examples() -> list[tuple[str, dict]]:
    """Each "GET /api/v1/..." line of docs/api.md with the JSON block that follows it."""
    text = API_DOCS.read_text(encoding="utf-8")
    pattern = re.compile(r"^GET (/api/v1/\S*)\s*$\n+```json\n(.*?)\n```", re.MULTILINE | re.DOTALL)
    return [(url, json.loads(body)) for url, body in pattern.findall(text)]


def test_the_docs_show_an_example_for_every_endpoint():
    shown = {re.sub(r"\?.*", "", url) for url, _ in doc_examples()}
    for path in {path for path, item in DOCUMENT["paths"].items() if "get" in item} - {"/openapi.json"}:
        pattern = "^/api/v1" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"
        assert any(re.match(pattern, url) for url in shown), path


def check_example(url: str, body: dict, headers: dict | None = None) -> None:
    request = Request(EnvironBuilder(path=url, base_url="http://localhost/").get_environ())
    status = body["error"]["status"] if "error" in body else 200
    response = Response(json.dumps(body), status=status, mimetype="application/json",
                        headers={"Access-Control-Allow-Origin": "*"} if headers is None else headers)
    check_against_document(response, request)


@pytest.mark.parametrize("url, body", doc_examples(), ids=[url for url, _ in doc_examples()])
def test_each_example_in_the_docs_matches_the_document(url, body):
    check_example(url, body)


def test_the_check_catches_answers_that_break_the_document():
    """So that a passing API test means something: each of these must be refused."""
    url, listed = next((url, body) for url, body in doc_examples() if url.startswith("/api/v1/jobs?"))
    broken = [
        {key: value for key, value in listed.items() if key != "total"},                  # a field missing
        listed | {"extra": 1},                                                             # a field unknown
        listed | {"jobs": [listed["jobs"][0] | {"id": "2"}]},                              # a wrong type
        listed | {"query": listed["query"] | {"sort": "random"}},                          # not in an enum
    ]
    for body in broken:
        with pytest.raises(OpenAPIError):
            check_example(url, body)
    with pytest.raises(OpenAPIError):
        check_example(url, listed, headers={})                                             # no CORS header
    with pytest.raises(OpenAPIError):
        check_example("/api/v1/jobs/1", {"error": {"status": 404, "code": "job_not_found", "message": "gone"}})  # no details


def test_the_documents_role_setting_and_state_lists_are_the_taxonomys_and_the_states():
    from indexer.parsers import geo
    from indexer.taxonomy import load_taxonomy
    taxonomy, schemas = load_taxonomy(), DOCUMENT["components"]["schemas"]
    assert schemas["CategoryId"]["enum"] == [category.id for category in taxonomy.categories]
    assert schemas["SettingId"]["enum"] == [setting.id for setting in taxonomy.settings]
    assert schemas["StateCode"]["enum"] == sorted(geo.STATES)
