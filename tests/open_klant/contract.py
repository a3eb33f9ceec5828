"""The Klantinteracties contract of Open Klant 2.18 (``../shared/contracts``), loaded once,
and checks of a request and a response against it with openapi-core."""

from __future__ import annotations

import functools
import json

import yaml
from openapi_core import Spec
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.validators import V30RequestValidator
from openapi_core.validation.response.validators import V30ResponseValidator

from tests.conftest import ROOT

CONTRACT = ROOT.parent / "shared" / "contracts" / "open-klant-2.18.0-klantinteracties-0.9.0-openapi.yaml"
BASE_PATH = "/klantinteracties/api/v1"


@functools.lru_cache(maxsize=1)
def spec() -> Spec:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Spec.from_dict(yaml.load(CONTRACT.read_text(encoding="utf-8"), Loader=loader))


def _messages(errors) -> list[str]:
    found = []
    for error in errors:
        causes = getattr(error.__cause__, "schema_errors", None) or []
        details = "; ".join(f"{'/'.join(map(str, c.absolute_path))}: {c.message[:200]}" for c in causes)
        found.append(f"{type(error).__name__}: {error} {details}".strip())
    return found


def mock_request(host_url: str, method: str, path: str, query: dict, headers: dict, body: str | None) -> MockRequest:
    return MockRequest(host_url, method, path, args=query, headers=headers, data=body or None)


def request_errors(request: MockRequest) -> list[str]:
    validator = V30RequestValidator(spec(), base_url=request.host_url + BASE_PATH)
    return _messages(validator.iter_errors(request))


def response_errors(request: MockRequest, status: int, body: str, headers: dict | None = None) -> list[str]:
    validator = V30ResponseValidator(spec(), base_url=request.host_url + BASE_PATH)
    response = MockResponse(body, status_code=status, headers=headers or {})
    return _messages(validator.iter_errors(request, response))


#: vng-api-common's error body (``Fout``/``ValidatieFout``), which Open Klant answers a 4xx with;
#: the contract file lists no error responses, so the fake's are checked against this
ERROR_FIELDS = {"type", "code", "title", "status", "detail", "instance"}


def error_body_errors(body: str) -> list[str]:
    try:
        data = json.loads(body)
    except ValueError:
        return ["error body is not JSON"]
    missing = ERROR_FIELDS - set(data)
    problems = [f"error body lacks {sorted(missing)}"] if missing else []
    for param in data.get("invalidParams", []):
        if set(param) != {"name", "code", "reason"}:
            problems.append(f"invalidParams entry {param} is not name/code/reason")
    return problems
