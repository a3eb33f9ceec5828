"""python -m widget serve [--host H] [--port P] [--server URL]

Serves the chat widget and a demo page per municipality (http://127.0.0.1:8000/almere).
--server is the Rasa server as a browser reaches it (default HULPWIJZER_WIDGET_SERVER or
http://127.0.0.1:5005); HULPWIJZER_RETENTION_DAYS (default 365) goes into the privacy line.
"""

from __future__ import annotations

import argparse
import sys

from aiohttp import web

from core.settings import Settings as DeploymentSettings
from widget.web import Settings, make_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widget", description="the website chat widget and its demo pages")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the widget and the demo pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--server", help="the Rasa server as browsers reach it (default HULPWIJZER_WIDGET_SERVER)")
    serve.add_argument("--privacy-url", help="the privacy statement (default HULPWIJZER_PRIVACY_URL)")
    args = parser.parse_args(argv)
    try:
        deployment = DeploymentSettings.from_env()  # read once, passed down
        settings = Settings(
            args.server or deployment.widget_server,
            deployment.retention_days,
            args.privacy_url or deployment.privacy_url,
        )
    except ValueError as error:
        parser.error(str(error))
    web.run_app(make_app(settings), host=args.host, port=args.port, print=None, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
