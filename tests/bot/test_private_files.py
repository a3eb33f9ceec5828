"""Private files are readable by the service user only and written whole."""

import json
import os
import stat

from bot.private_files import write_private_json, write_private_text


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_secrets_file_is_mode_600_and_its_shared_folder_keeps_its_mode(tmp_path):
    folder = tmp_path / "var"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    write_private_text(folder / "credentials.yml", "geheim: ja\n")
    assert (folder / "credentials.yml").read_text() == "geheim: ja\n"
    assert mode(folder / "credentials.yml") == 0o600 and mode(folder) == 0o755
    assert not list(folder.glob("*.tmp"))


def test_resident_data_goes_into_a_private_folder(tmp_path):
    write_private_json(tmp_path / "outbox" / "1.json", {"tekst": "één"})
    assert json.loads((tmp_path / "outbox" / "1.json").read_text(encoding="utf-8")) == {"tekst": "één"}
    assert mode(tmp_path / "outbox") == 0o700 and mode(tmp_path / "outbox" / "1.json") == 0o600
