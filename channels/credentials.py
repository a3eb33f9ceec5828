"""Rasa's credentials for this deployment: the REST and socket.io (website widget)
channels always, WhatsApp when its environment variables are set.

    WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID, and optionally WHATSAPP_API_BASE_URL

HULPWIJZER_WIDGET_ORIGINS (comma-separated, e.g. "https://www.almere.nl") limits which web
pages may open the chat; unset, any page may.

    python -m channels.credentials var/credentials.yml      (scripts/run.sh does this)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from channels.whatsapp_api import DEFAULT_API_BASE_URL
from core.private_files import write_private_text
from core.settings import Settings

WHATSAPP_VARIABLES = {
    "verify_token": "WHATSAPP_VERIFY_TOKEN",
    "app_secret": "WHATSAPP_APP_SECRET",
    "access_token": "WHATSAPP_ACCESS_TOKEN",
    "phone_number_id": "WHATSAPP_PHONE_NUMBER_ID",
}


def credentials(settings: Settings) -> tuple[dict, list[str]]:
    """The credentials, and the names of WhatsApp variables that are missing when only
    some are set (then WhatsApp stays off)."""
    content: dict = {
        "channels.rest.RestInput": {},
        # the website widget; session_persistence: a reload continues the same conversation
        "channels.socketio.SocketIOInput": {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
        },
    }
    origins = list(settings.widget_origins)
    environ = settings.whatsapp
    if origins:
        content["channels.socketio.SocketIOInput"]["cors_allowed_origins"] = origins
    given = {key: environ.get(var, "").strip() for key, var in WHATSAPP_VARIABLES.items()}
    if all(given.values()):
        content["channels.whatsapp.WhatsAppInput"] = {
            **given,
            "api_base_url": environ.get("WHATSAPP_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL,
        }
        return content, []
    missing = [var for key, var in WHATSAPP_VARIABLES.items() if not given[key]]
    return content, missing if len(missing) < len(WHATSAPP_VARIABLES) else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    content, missing = credentials(Settings.from_env())
    if missing:
        print(f"WhatsApp stays off: {', '.join(missing)} not set", file=sys.stderr)
    write_private_text(args.target, yaml.safe_dump(content, sort_keys=False))  # holds secrets
    whatsapp = "channels.whatsapp.WhatsAppInput" in content
    print("channels: REST, socket.io (/socket.io)" + (", WhatsApp (/webhooks/whatsapp/webhook)" if whatsapp else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
