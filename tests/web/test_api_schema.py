"""The JSON API against its own OpenAPI description: schemathesis generates requests for every
operation, valid ones and invalid ones, and checks each response (status, content type, body)
against the schema, in-process over ASGI, with a bounded number of examples per operation.

(The cases come from each operation's Hypothesis strategy rather than `schema.parametrize()`:
schemathesis's lazy pytest loader, needed for a schema served by a fixture's app, does not run
under pytest 9.)"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 8}


@pytest.mark.parametrize("mode", EXAMPLES)
def test_api_conforms_to_its_openapi_description(app: FastAPI, mode: GenerationMode):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /api/articles", "GET /api/articles/{article_id}", "GET /api/search",
                                               "GET /api/actors/{actor_id}", "GET /api/stories/{story_id}"}
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES[mode], deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate()

        conforms()
