"""The API against its own OpenAPI document, fuzzed by schemathesis in process: every
operation, schema-valid and schema-violating inputs, all checks, a fixed seed and a bounded
number of examples, so a run is the same every time and takes well under a minute."""
from __future__ import annotations

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from hypothesis import HealthCheck, settings

from tests.test_api import AGENCY, BOARD
from tests.support import folder_settings
from tests.web_support import indexed_board, seed_postings
from webapp import create_app
from webapp.api.openapi import load_document

MAX_EXAMPLES = 25


CONFIG = SchemathesisConfig.from_dict({
    "seed": 20261207,
    "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
    "checks": {"enabled": True},
    # Which roles a network offers is config/networks.yaml's business, not the document's: a
    # schema-valid role that the network does not offer is refused with 400, in words.
    "operations": [{"include-path-regex": "^/networks/\\{network_id\\}/(jobs|alerts)$",
                    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404", "429"]}}}],
})
#: Read from the document the app serves (webapp/api/openapi.yaml); the app is given per call.
schema = schemathesis.openapi.from_dict(load_document(), config=CONFIG)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    board_settings = folder_settings(tmp_path_factory.mktemp("fuzzed-board"))
    indexed_board(board_settings, lambda session: seed_postings(session, AGENCY, BOARD, closed=["closed"]))
    return create_app(board_settings)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case, app):
    case.call_and_validate(app=app)
