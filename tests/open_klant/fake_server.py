"""A fake Open Klant (Klantinteracties API 0.9.0 as served by Open Klant 2.18) on loopback,
for the tests: it keeps what is created, answers as the contract describes, and checks every
request it gets and every response it gives against the contract (``violations``).

Knobs: ``actors`` (the actors that exist; an unknown one is refused with invalidParams, as
Open Klant does), :meth:`fail` (the next calls to a path get an error status), and
:meth:`lose_answer` (the next call is carried out, but its answer is lost: a 502)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import uuid as uuids
from dataclasses import dataclass, field

from aiohttp import web

from tests.open_klant import contract

TOKEN = "test-token-123"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


@dataclass
class Call:
    method: str
    path: str
    query: dict
    body: dict | None
    status: int = 0
    #: the Authorization header the call carried
    authorization: str | None = None


@dataclass
class FakeOpenKlant:
    actors: set[str] = field(default_factory=set)
    objects: dict[str, dict[str, dict]] = field(
        default_factory=lambda: {
            name: {}
            for name in (
                "klantcontacten",
                "betrokkenen",
                "onderwerpobjecten",
                "digitaleadressen",
                "actorklantcontacten",
                "internetaken",
            )
        }
    )
    calls: list[Call] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    failures: list[list] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)
    host_url: str = ""
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    # -- knobs ------------------------------------------------------------------------

    def fail(self, method: str, path: str, status: int, times: int = 1, body: dict | None = None, headers=None):
        self.failures.append([method, path, status, times, body, headers or {}])

    def lose_answer(self, method: str, path: str) -> None:
        self.lost.append((method, path))

    def posted(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path == path]

    # -- the app ----------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.checked])
        base = contract.BASE_PATH
        app.router.add_post(f"{base}/maak-klantcontact", self.maak_klantcontact)
        for resource in ("digitaleadressen", "actorklantcontacten", "internetaken"):
            app.router.add_post(f"{base}/{resource}", self.create)
        for resource in self.objects:
            app.router.add_get(f"{base}/{resource}", self.list)
            app.router.add_delete(f"{base}/{resource}/{{uuid}}", self.delete)
        return app

    @web.middleware
    async def checked(self, request: web.Request, handler):
        text = await request.text()
        body = json.loads(text) if text else None
        path = request.path[len(contract.BASE_PATH) :]
        call = Call(request.method, path, dict(request.query), body, authorization=request.headers.get("Authorization"))
        self.calls.append(call)
        mock = contract.mock_request(
            self.host_url, request.method, request.path, dict(request.query), dict(request.headers), text
        )
        self.violations += [f"request {request.method} {path}: {e}" for e in contract.request_errors(mock)]
        if request.headers.get("Authorization") != f"Token {TOKEN}":
            response = self.error(401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.")
        else:
            response = self.injected(request.method, path)
            if response is None:
                try:
                    response = await handler(request)
                except web.HTTPException as exc:
                    response = exc
                if (request.method, path) in self.lost:
                    self.lost.remove((request.method, path))
                    response = web.Response(status=502, text="Bad Gateway")
        call.status = response.status
        answer = response.text or ""
        if response.status < 300:
            self.violations += [
                f"response {request.method} {path} {response.status}: {e}"
                for e in contract.response_errors(mock, response.status, answer, dict(response.headers))
            ]
        elif response.status < 500 and response.content_type == "application/problem+json":
            self.violations += [f"error {path}: {e}" for e in contract.error_body_errors(answer)]
        return response

    def injected(self, method: str, path: str) -> web.Response | None:
        for failure in self.failures:
            f_method, f_path, status, times, body, headers = failure
            if times > 0 and f_method == method and path.startswith(f_path):
                failure[3] -= 1
                if body is not None:
                    return web.json_response(
                        body, status=status, headers=headers, content_type="application/problem+json"
                    )
                return web.Response(status=status, text="unavailable", headers=headers)
        return None

    def error(self, status: int, code: str, title: str, invalid: list[dict] | None = None) -> web.Response:
        body = {
            "type": f"http://testserver/ref/fouten/{code}/",
            "code": code,
            "title": title,
            "status": status,
            "detail": title,
            "instance": f"urn:uuid:{uuids.uuid4()}",
        }
        if invalid is not None:
            body["invalidParams"] = invalid
        return web.json_response(body, status=status, content_type="application/problem+json")

    def _url(self, resource: str, uuid: str) -> str:
        return f"{self.host_url}{contract.BASE_PATH}/{resource}/{uuid}"

    def _ref(self, resource: str, uuid: str) -> dict:
        return {"uuid": uuid, "url": self._url(resource, uuid)}

    def _new(self, resource: str, values: dict) -> dict:
        uuid = str(uuids.uuid4())
        obj = {"uuid": uuid, "url": self._url(resource, uuid), **values}
        self.objects[resource][uuid] = obj
        return obj

    def _klantcontact_view(self, obj: dict) -> dict:
        uuid = obj["uuid"]
        return {
            **obj,
            "gingOverOnderwerpobjecten": [
                self._ref("onderwerpobjecten", o["uuid"])
                for o in self.objects["onderwerpobjecten"].values()
                if o["klantcontact"]["uuid"] == uuid
            ],
            "hadBetrokkenActoren": [],
            "omvatteBijlagen": [],
            "hadBetrokkenen": [
                self._ref("betrokkenen", b["uuid"])
                for b in self.objects["betrokkenen"].values()
                if b["hadKlantcontact"]["uuid"] == uuid
            ],
            "leiddeTotInterneTaken": [
                self._ref("internetaken", t["uuid"])
                for t in self.objects["internetaken"].values()
                if t["aanleidinggevendKlantcontact"]["uuid"] == uuid
            ],
        }

    # -- endpoints --------------------------------------------------------------------

    async def maak_klantcontact(self, request: web.Request) -> web.Response:
        body = await request.json()
        number = f"{next(self.numbers):010d}"
        contact = self._new("klantcontacten", {**body["klantcontact"], "nummer": number, "referentienummer": number})
        answer = {"klantcontact": None}
        if body.get("betrokkene"):
            given = body["betrokkene"]
            name = " ".join(v for v in (given.get("contactnaam") or {}).values() if v)
            betrokkene = self._new(
                "betrokkenen",
                {**given, "hadKlantcontact": self._ref("klantcontacten", contact["uuid"]), "volledigeNaam": name},
            )
            answer["betrokkene"] = {**betrokkene, "digitaleAdressen": []}
        if body.get("onderwerpobject"):
            onderwerp = self._new(
                "onderwerpobjecten",
                {**body["onderwerpobject"], "klantcontact": self._ref("klantcontacten", contact["uuid"])},
            )
            answer["onderwerpobject"] = onderwerp
        answer["klantcontact"] = self._klantcontact_view(contact)
        return web.json_response(answer, status=201, headers={"API-version": "0.9.0"})

    async def create(self, request: web.Request) -> web.Response:
        resource = request.path.rsplit("/", 1)[1]
        body = await request.json()
        if resource == "digitaleadressen":
            betrokkene = body["verstrektDoorBetrokkene"]["uuid"]
            if betrokkene not in self.objects["betrokkenen"]:
                return self.error(400, "invalid", "Invalid input.", [self.param("verstrektDoorBetrokkene.uuid")])
            obj = self._new(
                resource,
                {**body, "verstrektDoorBetrokkene": self._ref("betrokkenen", betrokkene), "isStandaardAdres": False},
            )
        elif resource == "actorklantcontacten":
            if body["actor"]["uuid"] not in self.actors:
                return self.error(400, "invalid", "Invalid input.", [self.param("actor.uuid")])
            obj = self._new(
                resource,
                {
                    "actor": self._ref("actoren", body["actor"]["uuid"]),
                    "klantcontact": self._ref("klantcontacten", body["klantcontact"]["uuid"]),
                },
            )
        else:
            unknown = [i for i, a in enumerate(body["toegewezenAanActoren"]) if a["uuid"] not in self.actors]
            if unknown:
                return self.error(
                    400, "invalid", "Invalid input.", [self.param(f"toegewezenAanActoren.{i}.uuid") for i in unknown]
                )
            number = f"{next(self.numbers):010d}"
            obj = self._new(
                resource,
                {
                    **body,
                    "nummer": number,
                    "referentienummer": number,
                    "aanleidinggevendKlantcontact": self._ref(
                        "klantcontacten", body["aanleidinggevendKlantcontact"]["uuid"]
                    ),
                    "toegewezenAanActoren": [self._ref("actoren", a["uuid"]) for a in body["toegewezenAanActoren"]],
                    "toegewezenOp": _now(),
                },
            )
        return web.json_response(obj, status=201, headers={"API-version": "0.9.0"})

    @staticmethod
    def param(name: str) -> dict:
        return {"name": name, "code": "does_not_exist", "reason": "Ongeldige uuid - object bestaat niet."}

    async def list(self, request: web.Request) -> web.Response:
        resource = request.path.rsplit("/", 1)[1]
        query = request.query
        found = []
        for obj in self.objects[resource].values():
            view = self._klantcontact_view(obj) if resource == "klantcontacten" else obj
            if self._matches(resource, view, query):
                found.append(view)
        body = {"count": len(found), "next": None, "previous": None, "results": found}
        return web.json_response(body, headers={"API-version": "0.9.0"})

    def _matches(self, resource: str, obj: dict, query) -> bool:
        for key, value in query.items():
            if key == "onderwerpobject__onderwerpobjectidentificatorObjectId":
                ids = [
                    self.objects["onderwerpobjecten"][o["uuid"]]["onderwerpobjectidentificator"]["objectId"]
                    for o in obj["gingOverOnderwerpobjecten"]
                ]
                ok = value in ids
            elif key == "onderwerpobject__onderwerpobjectidentificatorCodeRegister":
                ok = any(
                    self.objects["onderwerpobjecten"][o["uuid"]]["onderwerpobjectidentificator"]["codeRegister"]
                    == value
                    for o in obj["gingOverOnderwerpobjecten"]
                )
            elif key == "verstrektDoorBetrokkene__uuid":
                ok = obj["verstrektDoorBetrokkene"]["uuid"] == value
            elif key == "referentie":
                ok = obj.get("referentie") == value
            elif key == "klantcontact__uuid":
                ok = obj["klantcontact"]["uuid"] == value
            elif key == "actor__uuid":
                ok = obj["actor"]["uuid"] == value
            elif key == "aanleidinggevendKlantcontact__uuid":
                ok = obj["aanleidinggevendKlantcontact"]["uuid"] == value
            else:
                raise AssertionError(f"the fake does not filter {resource} on {key}")
            if not ok:
                return False
        return True

    async def delete(self, request: web.Request) -> web.Response:
        resource, uuid = request.path.rsplit("/", 2)[1:]
        if self.objects[resource].pop(uuid, None) is None:
            return self.error(404, "not_found", "Niet gevonden.")
        if resource == "onderwerpobjecten":
            return web.json_response({"behouden": []}, headers={"API-version": "0.9.0"})
        return web.Response(status=204, headers={"API-version": "0.9.0"})

    def count(self, resource: str) -> int:
        return len(self.objects[resource])
