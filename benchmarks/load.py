"""Load benchmark: REST conversations at 1, 20 and 50 concurrent residents against Hulpwijzer
and a bare ``rasa init`` assistant of the same Rasa version, in one run.

    make benchmark-load
    .venv/bin/python benchmarks/load.py [--seconds 30] [--warmup-seconds 10] [--levels 1,20,50]
        [--only bare,embedded,production] [--timeout 60] [--out build/results/load.json] [--check]

Three targets, started one after the other on free ports, each with the same environment
as the Makefile's (one TensorFlow thread, telemetry off, ``PYTHONHASHSEED=0``):

* ``bare``: the assistant ``rasa init --no-prompt`` makes (the mood bot, Rasa's default
  config with DIET and TED), trained once into ``build/bare-rasa`` (again when the installed
  Rasa version changes) and started with plain ``rasa run``: one worker, Rasa's in-memory
  tracker and lock stores. Its domain has no custom actions, so no action server (started
  if its ``endpoints.yml`` names one).
* ``embedded``: Hulpwijzer as ``make run`` starts it with the embedded defaults (action
  server, ``python -m bot.server run``, one worker, SQLite tracker store), with its
  databases in a temporary directory, never ``var/``.
* ``production``: Hulpwijzer on a fresh PostgreSQL database (``hw_load_<random>``, dropped
  afterwards), Redis as the lock store (db 7) and two Sanic workers.

At each concurrency level, N residents each hold conversations one after the other (a new
sender per conversation) and send their next message as soon as the reply arrives: no
think time, so 50 residents here load the server like many more real ones. Hulpwijzer's
residents ask a Dutch help question from ``tests/knowledge_base/questions.jsonl`` (with
its municipality as metadata) and two follow-ups, then say thanks; the bare bot's residents
talk to the mood bot ("hi", "I am sad", "yes", "bye"). A warm-up at the highest level comes
first and is not counted. An error is a non-200 answer, a timeout, a broken connection or
an empty reply (every turn here gets one); a resident starts a new conversation after an
error. Latencies are of answered messages, msg/s is answered messages per second.

Prints one row per target and level and the ratios against the bare bot with the targets
of issue 11 (production: at least 1.5x the bare bot's msg/s at 50 residents with 0 errors;
single-resident p95 at most 1.3x the bare bot's), and writes the same as JSON. With
``--check`` the exit status is 1 when a target is missed. Numbers: ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterator

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.endpoints import endpoints  # noqa: E402
from core.ports import free_port  # noqa: E402

PYTHON = sys.executable
RASA = str(Path(sys.executable).with_name("rasa"))
MODEL = ROOT / "models" / "hulpwijzer.tar.gz"
BARE_DIR = ROOT / "build" / "bare-rasa"
BARE_STAMP = BARE_DIR / ".rasa-version"
OUT = ROOT / "build" / "results" / "load.json"
QUESTIONS = ROOT / "tests" / "knowledge_base" / "questions.jsonl"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/7"
TARGETS = ("bare", "embedded", "production")

#: the Makefile's exports: every server here runs with them, the bare bot too
MAKEFILE_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONHASHSEED": "0",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}
#: settings of the developer's own deployment that must not leak into a target
CLEARED = ("DATABASE_URL", "TRACKER_DATABASE_URL", "REDIS_URL", "SANIC_WORKERS")

#: the follow-ups a resident asks after Hulpwijzer's answer (README: "follow-up questions work")
FOLLOW_UPS = ("wat kost dat?", "waar zit dat?", "is er nog iets anders?", "hoe kan ik ze bereiken?")
#: the mood bot's own conversations (rasa init's data/stories.yml and rules.yml)
MOOD_CONVERSATIONS = (
    ("hi", "I am sad", "yes", "bye"),
    ("hello", "I am feeling very good", "are you a bot?", "goodbye"),
    ("hey", "my day was horrible", "no", "see you later"),
    ("good morning", "very sad", "of course", "bye bye"),
)

TARGET_P95_RATIO = 1.3
TARGET_THROUGHPUT_RATIO = 1.5

#: one message: (text, metadata or None)
Turn = tuple[str, "dict | None"]


# -- servers -----------------------------------------------------------------------------


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith(("HULPWIJZER_", "WHATSAPP_"))}
    env.update(MAKEFILE_ENV)
    # Rasa prints a user's text in some warnings: keep them out of the server logs (scripts/run.sh)
    env.update(PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore", SANIC_HOST="127.0.0.1", SANIC_WORKERS="1")
    env.update(extra)
    return env


class Servers:
    """Processes started in process groups of their own, all stopped (group and all, e.g.
    Sanic's workers) when the block ends, however it ends."""

    def __init__(self, log: Path):
        self.log_path = log
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> "Servers":
        self.log = open(self.log_path, "a")
        return self

    def start(self, args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.Popen:
        proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs.append(proc)
        return proc

    def __exit__(self, *exc) -> None:
        for proc in self.procs:
            signal_group(proc, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            signal_group(proc, signal.SIGKILL)  # whatever of the group is left (workers)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        self.log.close()

    def cpu(self) -> float:
        return cpu_seconds({proc.pid for proc in self.procs})


def signal_group(proc: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)  # start_new_session: the group's id is the leader's pid


def cpu_seconds(groups: set[int]) -> float:
    """CPU time (user + system) used so far by the live processes of these process groups:
    the Rasa server and its workers, the action server. From /proc (Linux); 0 elsewhere."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        if int(fields[2]) in groups:  # fields[0] is the state, field 3 of proc(5)
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {proc.returncode} (see the log)")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not come up within {timeout:.0f} s")


def rasa_server_args(model: Path, endpoints_file: Path, credentials: Path, port: int, hulpwijzer: bool) -> list[str]:
    # Hulpwijzer: `rasa run` with bot/server.py's speed-up, as scripts/run.sh starts it
    program = [PYTHON, "-m", "bot.server", "run"] if hulpwijzer else [RASA, "run"]
    return program + [
        "--model",
        str(model),
        "--endpoints",
        str(endpoints_file),
        "--credentials",
        str(credentials),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]


# -- the bare bot --------------------------------------------------------------------------


def rasa_version() -> str:
    return version("rasa")


def ensure_bare_bot(env: dict[str, str], log: Path) -> Path:
    """The trained ``rasa init`` assistant in build/bare-rasa, made when missing or made
    with another Rasa version."""
    models = sorted((BARE_DIR / "models").glob("*.tar.gz"))
    if models and BARE_STAMP.exists() and BARE_STAMP.read_text().strip() == rasa_version():
        return models[-1]
    print(f"training the bare bot: rasa init --no-prompt --init-dir {BARE_DIR.relative_to(ROOT)} (a few minutes)")
    shutil.rmtree(BARE_DIR, ignore_errors=True)
    BARE_DIR.mkdir(parents=True)  # with --no-prompt, rasa init needs the directory to exist
    started = time.monotonic()
    with open(log, "a") as out:
        subprocess.run(
            [RASA, "init", "--no-prompt", "--init-dir", str(BARE_DIR)],
            cwd=BARE_DIR.parent,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    models = sorted((BARE_DIR / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"rasa init trained no model in {BARE_DIR / 'models'} (see {log})")
    BARE_STAMP.write_text(rasa_version() + "\n")
    print(f"  trained in {time.monotonic() - started:.0f} s")
    return models[-1]


@contextlib.contextmanager
def bare_target(work: Path, model: Path) -> Iterator[tuple[str, Servers]]:
    env = base_env()
    rasa_port = free_port()
    bare_endpoints = yaml.safe_load((BARE_DIR / "endpoints.yml").read_text()) or {}
    with Servers(work / "servers.log") as servers:
        action = (bare_endpoints.get("action_endpoint") or {}).get("url")
        if action:  # rasa init's endpoints.yml names none: the mood bot has no custom actions
            action_port = free_port()
            bare_endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{action_port}/webhook"}
            proc = servers.start([RASA, "run", "actions", "--port", str(action_port)], env, cwd=BARE_DIR)
            wait_for(f"http://127.0.0.1:{action_port}/health", proc)
        (work / "endpoints.yml").write_text(yaml.safe_dump(bare_endpoints))
        args = rasa_server_args(model, work / "endpoints.yml", BARE_DIR / "credentials.yml", rasa_port, False)
        proc = servers.start(args, env, cwd=BARE_DIR)
        wait_for(f"http://127.0.0.1:{rasa_port}/", proc)
        yield f"http://127.0.0.1:{rasa_port}", servers


# -- Hulpwijzer ----------------------------------------------------------------------------


@contextlib.contextmanager
def hulpwijzer_target(
    work: Path, database_url: str, redis_url: str | None, workers: int
) -> Iterator[tuple[str, Servers]]:
    action_port, rasa_port = free_port(), free_port()
    extra = {"DATABASE_URL": database_url, "HULPWIJZER_GEMEENTE": "almelo", "SANIC_WORKERS": str(workers)}
    if redis_url:
        extra.update(REDIS_URL=redis_url, HULPWIJZER_WORKERS=str(workers))
    env = base_env(**extra)
    config = endpoints(database_url, f"http://127.0.0.1:{action_port}/webhook", redis_url)
    if database_url.startswith("sqlite"):  # bot.endpoints would put it in var/
        config["tracker_store"]["db"] = str(work / "tracker.db")
    (work / "endpoints.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (work / "credentials.yml").write_text("channels.rest.RestInput: {}\n")
    with Servers(work / "servers.log") as servers:
        # as scripts/run.sh: the tables at the newest revision, the knowledge base imported
        for step in (["migrations", "upgrade"], ["knowledge_base", "import"]):
            subprocess.run(
                [PYTHON, "-m", *step], cwd=ROOT, env=env, stdout=servers.log, stderr=subprocess.STDOUT, check=True
            )
        proc = servers.start([RASA, "run", "actions", "--actions", "actions", "--port", str(action_port)], env)
        wait_for(f"http://127.0.0.1:{action_port}/health", proc)
        args = rasa_server_args(MODEL, work / "endpoints.yml", work / "credentials.yml", rasa_port, True)
        proc = servers.start(args, env)
        wait_for(f"http://127.0.0.1:{rasa_port}/", proc)
        if workers > 1:
            children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
            if len(children) < workers:
                raise RuntimeError(f"the Rasa server started {len(children)} workers, not {workers}")
        yield f"http://127.0.0.1:{rasa_port}", servers


def services_missing(admin_url: str, redis_url: str) -> str | None:
    import redis
    from sqlalchemy import create_engine

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis at {redis_url} is unreachable ({type(error).__name__})"
    engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except Exception as error:  # noqa: BLE001 - any failure means: not there
        return f"PostgreSQL at {admin_url} is unreachable ({type(error).__name__})"
    finally:
        engine.dispose()


@contextlib.contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new PostgreSQL database ``hw_load_<random>``, dropped when the block ends."""
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"hw_load_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- the residents -------------------------------------------------------------------------


def hulpwijzer_conversations() -> Iterator[list[Turn]]:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    scripts = []
    for i, row in enumerate(rows):
        first, second = FOLLOW_UPS[i % len(FOLLOW_UPS)], FOLLOW_UPS[(i + 1) % len(FOLLOW_UPS)]
        scripts.append([(row["text"], {"gemeente": row["gemeente"]}), (first, None), (second, None), ("bedankt", None)])
    return itertools.cycle(scripts)


def mood_conversations() -> Iterator[list[Turn]]:
    return itertools.cycle([[(text, None) for text in turns] for turns in MOOD_CONVERSATIONS])


@dataclass
class Level:
    concurrency: int
    messages: int = 0
    answered: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    msg_per_s: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    #: CPU time of the target's own processes (not PostgreSQL's or Redis's) per answered message
    cpu_ms_per_msg: float | None = None
    #: the same as cores kept busy on average
    cpu_cores: float | None = None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def say(session: aiohttp.ClientSession, url: str, sender: str, turn: Turn) -> str | None:
    """None when answered, else the kind of error."""
    text, metadata = turn
    payload: dict = {"sender": sender, "message": text}
    if metadata:
        payload["metadata"] = metadata
    try:
        async with session.post(url, json=payload) as response:
            body = await response.read()
            if response.status != 200:
                return f"HTTP {response.status}"
    except asyncio.TimeoutError:
        return "timeout"
    except aiohttp.ClientError as error:
        return type(error).__name__
    try:
        replies = json.loads(body)
    except ValueError:
        return "not JSON"
    if not isinstance(replies, list) or not any(
        isinstance(r, dict) and (r.get("text") or r.get("buttons")) for r in replies
    ):
        return "empty reply"
    return None


async def run_level(
    base_url: str,
    conversations: Iterator[list[Turn]],
    concurrency: int,
    seconds: float,
    timeout: float,
    cpu: Callable[[], float] = lambda: 0.0,
) -> Level:
    url = f"{base_url}/webhooks/rest/webhook"
    level = Level(concurrency)
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=max(100, 2 * concurrency))
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        cpu_before = cpu()
        started = time.perf_counter()
        deadline = started + seconds

        async def resident() -> None:
            while time.perf_counter() < deadline:
                sender = f"load-{uuid.uuid4().hex}"
                for turn in next(conversations):
                    if time.perf_counter() >= deadline:
                        return
                    sent = time.perf_counter()
                    error = await say(session, url, sender, turn)
                    level.messages += 1
                    if error:
                        level.errors += 1
                        level.error_kinds[error] = level.error_kinds.get(error, 0) + 1
                        break  # a new conversation
                    level.answered += 1
                    latencies.append((time.perf_counter() - sent) * 1000)

        await asyncio.gather(*(resident() for _ in range(concurrency)))
        level.seconds = time.perf_counter() - started
        used = cpu() - cpu_before
    if used > 0:
        level.cpu_cores = used / level.seconds
        level.cpu_ms_per_msg = used * 1000 / level.answered if level.answered else None
    level.msg_per_s = level.answered / level.seconds
    if latencies:
        level.p50_ms, level.p95_ms, level.p99_ms = (percentile(latencies, p) for p in (0.5, 0.95, 0.99))
    return level


async def ready(base_url: str, turn: Turn, timeout: float = 180) -> None:
    """Until the assistant answers a first message (its model and actions loaded)."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        while True:
            error = await say(session, f"{base_url}/webhooks/rest/webhook", f"ready-{uuid.uuid4().hex}", turn)
            if error is None:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{base_url} does not answer: {error}")
            await asyncio.sleep(1)


def measure(name: str, base_url: str, servers: Servers, conversations: Iterator[list[Turn]], args) -> list[Level]:
    first_turn = next(conversations)[0]
    asyncio.run(ready(base_url, first_turn))
    warm = asyncio.run(run_level(base_url, conversations, max(args.levels), args.warmup_seconds, args.timeout))
    print(f"  {name}: warm-up {warm.answered} messages, {warm.errors} errors")
    levels = []
    for concurrency in args.levels:
        level = asyncio.run(run_level(base_url, conversations, concurrency, args.seconds, args.timeout, servers.cpu))
        print(f"  {row(name, level)}", flush=True)
        levels.append(level)
    return levels


# -- the report ----------------------------------------------------------------------------

HEADER = f"{'target':<11} {'residents':>9} {'messages':>8} {'msg/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} {'cpu ms/msg':>10} {'cores':>5}"


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def row(name: str, level: Level) -> str:
    kinds = ", ".join(f"{k}: {n}" for k, n in sorted(level.error_kinds.items()))
    return (
        f"{name:<11} {level.concurrency:>9} {level.messages:>8} {level.msg_per_s:>7.1f} {ms(level.p50_ms):>7}"
        f" {ms(level.p95_ms):>7} {ms(level.p99_ms):>7} {level.errors:>6} {ms(level.cpu_ms_per_msg):>10}"
        f" {'-' if level.cpu_cores is None else f'{level.cpu_cores:.2f}':>5}" + (f"  ({kinds})" if kinds else "")
    )


def at(results: dict, name: str, concurrency: int) -> Level | None:
    for level in results.get(name, {}).get("levels", []):
        if level.concurrency == concurrency:
            return level
    return None


def verdicts(results: dict) -> list[dict]:
    """The ratios against the bare bot, and whether they meet issue 11's targets."""
    out = []
    bare_top, bare_one = at(results, "bare", 50), at(results, "bare", 1)
    for name in ("production", "embedded"):
        top, one = at(results, name, 50), at(results, name, 1)
        if top and bare_top and bare_top.msg_per_s:
            ratio = top.msg_per_s / bare_top.msg_per_s
            check = {
                "target": name,
                "what": "msg/s at 50 residents vs bare",
                "ratio": round(ratio, 2),
                "errors": top.errors,
                "goal": f">= {TARGET_THROUGHPUT_RATIO}x with 0 errors",
            }
            if name == "production":  # the target of issue 11; embedded is shown for comparison
                check["pass"] = ratio >= TARGET_THROUGHPUT_RATIO and top.errors == 0
            out.append(check)
        if one and bare_one and one.p95_ms and bare_one.p95_ms:
            ratio = one.p95_ms / bare_one.p95_ms
            out.append(
                {
                    "target": name,
                    "what": "p95 at 1 resident vs bare",
                    "ratio": round(ratio, 2),
                    "errors": one.errors,
                    "goal": f"<= {TARGET_P95_RATIO}x",
                    "pass": ratio <= TARGET_P95_RATIO,
                }
            )
    return out


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="measured seconds per level (default 30)")
    parser.add_argument(
        "--warmup-seconds", type=float, default=10, help="not counted, at the highest level (default 10)"
    )
    parser.add_argument("--levels", default="1,20,50", help="concurrent residents, comma-separated (default 1,20,50)")
    parser.add_argument("--only", default=",".join(TARGETS), help="targets, comma-separated: bare,embedded,production")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a message counts as an error")
    parser.add_argument("--postgres", default=POSTGRES_ADMIN_URL, help="PostgreSQL admin URL (a database per run)")
    parser.add_argument("--redis", default=REDIS_URL, help="Redis URL of the lock store (default db 7)")
    parser.add_argument("--out", type=Path, default=OUT, help="the JSON results (default build/results/load.json)")
    parser.add_argument("--check", action="store_true", help="exit status 1 when a target of issue 11 is missed")
    args = parser.parse_args()
    args.levels = [int(x) for x in args.levels.split(",") if x.strip()]
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    if unknown := set(only) - set(TARGETS):
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    if not args.levels or min(args.levels) < 1:
        parser.error("--levels: whole numbers of at least 1")
    if {"embedded", "production"} & set(only) and not MODEL.exists():
        parser.error(f"no trained model at {MODEL}: run `make model`")
    # the benchmark's own failures end with SystemExit too: the servers' `finally` always runs
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rasa": rasa_version(),
        "rasa_sdk": version("rasa-sdk"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "environment": MAKEFILE_ENV,
        "seconds_per_level": args.seconds,
        "warmup_seconds": args.warmup_seconds,
        "levels": args.levels,
        "timeout_seconds": args.timeout,
        "load_average_before": load_average(),
    }
    print(
        f"load benchmark: Rasa {meta['rasa']}, {meta['cpus']} CPUs, load average {meta['load_average_before']},"
        f" {args.seconds:.0f} s per level at {args.levels} residents; one TensorFlow thread everywhere"
    )
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="hw-load-") as tmp:
        for name in only:
            work = Path(tmp) / name
            work.mkdir()
            log = work / "servers.log"
            entry: dict = {"load_average_before": load_average()}
            started = time.monotonic()
            try:
                if name == "bare":
                    model = ensure_bare_bot(base_env(), args.out.parent / "bare-rasa-init.log")
                    entry["setup"] = "rasa init (DIET + TED), rasa run, 1 worker, in-memory tracker and lock stores"
                    with bare_target(work, model) as (url, servers):
                        entry["levels"] = measure(name, url, servers, mood_conversations(), args)
                elif name == "embedded":
                    entry["setup"] = "action server + bot.server run, 1 worker, SQLite tracker store, in-memory locks"
                    with hulpwijzer_target(work, f"sqlite:///{work / 'hulpwijzer.db'}", None, 1) as (url, servers):
                        entry["levels"] = measure(name, url, servers, hulpwijzer_conversations(), args)
                else:
                    missing = services_missing(args.postgres, args.redis)
                    if missing:
                        print(f"  production: skipped, {missing}")
                        entry["skipped"] = missing
                        results[name] = entry
                        continue
                    entry["setup"] = "action server + bot.server run, 2 workers, PostgreSQL tracker store, Redis locks"
                    with (
                        fresh_database(args.postgres) as url,
                        hulpwijzer_target(work, url, args.redis, 2) as (base, servers),
                    ):
                        entry["levels"] = measure(name, base, servers, hulpwijzer_conversations(), args)
            except Exception:
                print(f"  {name}: failed; the last lines of its server log:", file=sys.stderr)
                if log.exists():
                    print("\n".join(log.read_text(errors="replace").splitlines()[-30:]), file=sys.stderr)
                raise
            entry["load_average_after"] = load_average()
            entry["wall_seconds"] = round(time.monotonic() - started, 1)
            results[name] = entry
    meta["load_average_after"] = load_average()

    print()
    print(
        f"Rasa {meta['rasa']}, {meta['cpus']} CPUs; load average before {meta['load_average_before']}, after {meta['load_average_after']}"
    )
    print(HEADER)
    for name, entry in results.items():
        for level in entry.get("levels", []):
            print(row(name, level))
    checks = verdicts(results)
    if checks:
        print()
    for check in checks:
        state = {True: "PASS", False: "FAIL"}.get(check.get("pass"), "info")
        errors = f", {check['errors']} errors" if check["errors"] else ""
        print(
            f"{check['target']:<11} {check['what']:<30} {check['ratio']:>5.2f}x  (goal {check['goal']}{errors})  {state}"
        )
    document = {
        **meta,
        "targets": {
            name: {**entry, "levels": [asdict(level) for level in entry.get("levels", [])]}
            for name, entry in results.items()
        },
        "checks": checks,
    }
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nwritten: {args.out}")
    if args.check and any(check.get("pass") is False for check in checks):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
