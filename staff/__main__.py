"""The staff review app and its command line.

    python -m staff serve [--host 127.0.0.1] [--port 8080]
    python -m staff create-user NAME --team almelo-kcc [--team ...] [--admin] [--analist]
                                               (password on stdin; ends NAME's sessions)
    python -m staff revoke-sessions NAME | --all   log a staff member, or everyone, out everywhere
    python -m staff list                       open handoffs, one JSON object per line
    python -m staff export                     all handoffs with their summaries, as JSON
    python -m staff purge [--days N]           delete what is older than the retention period
    python -m staff delete HW-XXXX-XXXX        a resident's request: delete one handoff and its conversation
                                               (and its objects in Open Klant, or says which were left there)
    python -m staff drain                      import handoffs waiting in the spool
    python -m staff report --week 2026-W50 [--gemeente almelo] --out rapport.html|rapport.pdf
                                               the weekly insight report for management
    python -m staff demo-data [--weeks 8]      invented conversations for the dashboard (empty database only)

DATABASE_URL is the handoff database (default SQLite in var/hulpwijzer.db); Rasa's tracker
store is var/tracker.db, or the same PostgreSQL database (TRACKER_DATABASE_URL overrides);
HULPWIJZER_RETENTION_DAYS is the retention period (default 365 days).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from core.db import database_url, make_engine
from core.settings import Settings, parse_retention_days
from handoff.models import DONE


def retention_days(value: str) -> int:
    try:
        return parse_retention_days(value)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def service(settings: Settings):
    from bot.endpoints import tracker_database_url
    from handoff.service import HandoffStore, spool_dir
    from staff.service import StaffService

    tracker_url = settings.tracker_database_url or tracker_database_url(settings.database_url)
    engine = make_engine(database_url(settings))
    from staff.whatsapp import KeptFollowUps

    stores = [HandoffStore(engine, spool_dir(settings)), KeptFollowUps()]
    config = open_klant_config(settings)
    if config is not None:
        from open_klant.erasure import OpenKlantErasure

        stores.append(OpenKlantErasure(engine, config))
    svc = StaffService(engine, make_engine(tracker_url), stores=stores, review_days=settings.review_days)
    svc.create_schema()
    return svc


def open_klant_config(settings: Settings):
    """Open Klant's configuration, or ``None`` when it is off."""
    from open_klant.config import OpenKlantConfig

    return OpenKlantConfig.from_settings(settings)


def check_open_klant(settings: Settings) -> str | None:
    """At start: the team mapping against the content files; an error message, or ``None``
    (warnings go to stderr)."""
    from open_klant.config import check_teams

    config = open_klant_config(settings)
    if config is None:
        return None
    errors, warnings = check_teams(config, settings.gemeente)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return "; ".join(errors) or None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m staff", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the review app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--insecure-cookie", action="store_true", help="plain-http development on localhost only")
    try:
        settings = Settings.from_env()  # read once, passed down
    except ValueError as error:  # a bad HULPWIJZER_RETENTION_DAYS is a clear error
        parser.error(str(error))
    retention = str(settings.retention_days)
    serve.add_argument(
        "--retention-days",
        type=retention_days,
        default=retention,
        help="delete handoffs and conversations older than this, at start and daily",
    )
    user = commands.add_parser("create-user", help="create or update a staff account (password on stdin)")
    user.add_argument("username")
    user.add_argument("--team", action="append", default=[], help="team id from knowledge_base/content (repeatable)")
    user.add_argument("--admin", action="store_true", help="sees every team's handoffs")
    user.add_argument("--analist", action="store_true", help="sees the whole insight dashboard (/inzicht), no handoffs")
    revoke = commands.add_parser("revoke-sessions", help="log a staff member (or, with --all, everyone) out everywhere")
    revoke.add_argument("username", nargs="?")
    revoke.add_argument("--all", action="store_true")
    commands.add_parser("list", help="open handoffs as JSON lines")
    commands.add_parser("export", help="all handoffs with summaries as JSON")
    purge = commands.add_parser("purge", help="delete handoffs and conversations older than the retention period")
    purge.add_argument("--days", type=retention_days, default=retention)
    delete = commands.add_parser("delete", help="delete one handoff and its conversation (a resident's request)")
    delete.add_argument("reference")
    commands.add_parser("drain", help="import handoffs waiting in the spool")
    report = commands.add_parser("report", help="the weekly insight report as HTML or PDF")
    report.add_argument("--week", required=True, help="ISO week, e.g. 2026-W50")
    report.add_argument("--gemeente", default=settings.gemeente, help="municipality id (default HULPWIJZER_GEMEENTE)")
    report.add_argument("--out", required=True, type=Path, help="rapport.html or rapport.pdf")
    demo = commands.add_parser("demo-data", help="invented conversations for the dashboard, into an EMPTY database")
    demo.add_argument("--weeks", type=int, default=8)
    demo.add_argument("--gemeente", action="append", default=[], help="municipality id (repeatable; default all)")
    args = parser.parse_args(argv)

    if args.command == "serve":
        import logging

        from aiohttp import web

        # the app's own lines (references, statuses, error names; never resident data) with times
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

        from staff.web import create_app
        from staff.whatsapp import WhatsAppFollowUp

        problem = check_open_klant(settings)
        if problem:
            parser.error(problem)
        svc = service(settings)
        config = open_klant_config(settings)
        registrar = None
        if config is not None:
            from open_klant.worker import Registrar

            registrar = Registrar(svc.engine, config)
        web.run_app(
            create_app(
                svc,
                secure_cookie=not args.insecure_cookie,
                follow_up=WhatsAppFollowUp.from_environ(settings.whatsapp),
                purge_days=args.retention_days,
                trusted_proxies=settings.trusted_proxies,
                open_klant=registrar,
            ),
            host=args.host,
            port=args.port,
            access_log=None,
            print=lambda *_: print(f"staff app on http://{args.host}:{args.port}"),
        )
        return 0
    if args.command == "create-user":
        if not args.team and not args.admin and not args.analist:
            print("give at least one --team, or --admin, or --analist", file=sys.stderr)
            return 2
        password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("wachtwoord: ")
        from staff.passwords import WeakPassword

        try:
            service(settings).create_user(args.username, password, args.team, args.admin, args.analist)
        except WeakPassword as exc:
            print(exc, file=sys.stderr)
            return 2
        roles = "".join(role for role, given in ((" (admin)", args.admin), (" (analist)", args.analist)) if given)
        print(f"user {args.username}: teams {', '.join(args.team) or '-'}{roles}")
        return 0
    if args.command in ("list", "export"):
        rows = service(settings).export()
        if args.command == "list":
            for row in rows:
                if row["status"] != DONE:
                    print(
                        json.dumps(
                            {
                                k: row[k]
                                for k in ("reference", "team", "topics", "urgent", "status", "created_at", "respond_by")
                            },
                            ensure_ascii=False,
                        )
                    )
        else:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if args.command == "revoke-sessions":
        if bool(args.username) == bool(args.all):
            print("name one staff member, or --all", file=sys.stderr)
            return 2
        print(f"{service(settings).revoke_sessions(None if args.all else args.username)} session(s) ended")
        return 0
    if args.command == "purge":
        print(json.dumps(service(settings).purge(args.days)))
        return 0
    if args.command == "delete":
        reference = args.reference.strip().upper()
        try:
            found, left = service(settings).erase(reference)
        except Exception as error:  # noqa: BLE001 - Open Klant or the database: said plainly, never reported done
            print(
                f"not deleted completely ({type(error).__name__}): nothing is reported as done; "
                "run the same command again when the cause is solved (what was deleted stays deleted)",
                file=sys.stderr,
            )
            return 1
        print("deleted" if found else "no handoff with that reference")
        for store, items in left.items():
            for item in items:
                print(f"left in {store} (OPEN_KLANT_ERASURE=leave): {item}")
        return 0 if found else 1
    if args.command == "report":
        from staff import report as weekly

        try:
            html = weekly.render(make_engine(database_url(settings)), args.gemeente, args.week)
            weekly.write(html, args.out)
        except (ValueError, RuntimeError) as problem:
            parser.error(str(problem))
        print(f"report for {args.gemeente}, week {args.week}: {args.out}")
        return 0
    if args.command == "demo-data":
        from insight.tallies import local_today
        from knowledge_base.service import load_knowledge_base
        from staff.demo import DemoDataRefused, fill

        engine = make_engine(database_url(settings))
        kb = load_knowledge_base(engine)
        chosen = args.gemeente or sorted(kb.gemeenten)
        try:
            made = fill(engine, kb, chosen, args.weeks, local_today())
        except DemoDataRefused as refused:
            parser.error(str(refused))
        print(f"demo data: {made} invented conversations over {args.weeks} weeks for {', '.join(chosen)}")
        return 0
    if args.command == "drain":
        from handoff.service import HandoffStore, registration_backends, spool_dir

        # a drained handoff gets its Open Klant outbox row in its own transaction, like any other
        store = HandoffStore(
            make_engine(database_url(settings)), spool_dir(settings), register_with=registration_backends(settings)
        )
        store.create_schema()
        print(f"imported {store.drain_spool()} spooled handoff(s)")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
