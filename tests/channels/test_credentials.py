from channels.credentials import credentials
from core.settings import Settings

ALL = {
    "WHATSAPP_VERIFY_TOKEN": "v",
    "WHATSAPP_APP_SECRET": "s",
    "WHATSAPP_ACCESS_TOKEN": "t",
    "WHATSAPP_PHONE_NUMBER_ID": "123",
}


def test_without_whatsapp_variables_rest_and_socketio_are_on():
    content, missing = credentials(Settings.from_env({}))
    assert list(content) == ["channels.rest.RestInput", "channels.socketio.SocketIOInput"] and missing == []
    assert content["channels.socketio.SocketIOInput"]["session_persistence"] is True


def test_with_all_variables_whatsapp_is_on_with_the_pinned_graph_api_version():
    content, missing = credentials(Settings.from_env(ALL))
    assert missing == []
    assert content["channels.whatsapp.WhatsAppInput"] == {
        "verify_token": "v",
        "app_secret": "s",
        "access_token": "t",
        "phone_number_id": "123",
        "api_base_url": "https://graph.facebook.com/v21.0",
    }
    assert (
        credentials(Settings.from_env({**ALL, "WHATSAPP_API_BASE_URL": "http://127.0.0.1:9/v21.0"}))[0][
            "channels.whatsapp.WhatsAppInput"
        ]["api_base_url"]
        == "http://127.0.0.1:9/v21.0"
    )


def test_a_partial_setup_keeps_whatsapp_off_and_names_what_is_missing():
    content, missing = credentials(Settings.from_env({"WHATSAPP_VERIFY_TOKEN": "v"}))
    assert "channels.whatsapp.WhatsAppInput" not in content
    assert missing == ["WHATSAPP_APP_SECRET", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"]


def test_widget_origins_limit_which_pages_may_open_the_chat():
    content, _ = credentials(
        Settings.from_env({"HULPWIJZER_WIDGET_ORIGINS": "https://www.almere.nl/, http://127.0.0.1:8000"})
    )
    assert content["channels.socketio.SocketIOInput"]["cors_allowed_origins"] == [
        "https://www.almere.nl",
        "http://127.0.0.1:8000",
    ]
    assert "cors_allowed_origins" not in credentials(Settings.from_env({}))[0]["channels.socketio.SocketIOInput"]
