"""Private files are readable by the service user only and written whole."""

import json
import os
import stat

import pytest

from core.private_files import write_private_json, write_private_text


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


def test_a_leftover_temporary_file_with_an_open_mode_never_becomes_the_file(tmp_path):
    """Issue 12, finding 9: a world-readable ``.tmp`` left by a crash kept its mode when it was
    opened with O_CREAT and renamed into place."""
    target = tmp_path / "credentials.yml"
    leftover = target.with_suffix(".tmp")
    leftover.write_text("oud")
    os.chmod(leftover, 0o644)
    write_private_text(target, "geheim")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text() == "geheim"


def test_the_temporary_file_is_never_opened_through_a_symbolic_link(tmp_path, monkeypatch):
    import secrets

    victim = tmp_path / "elders.txt"
    victim.write_text("niet overschrijven")
    monkeypatch.setattr(secrets, "token_hex", lambda n: "vast")
    (tmp_path / ".x.yml.vast.tmp").symlink_to(victim)
    with pytest.raises(OSError):
        write_private_text(tmp_path / "x.yml", "geheim")
    assert victim.read_text() == "niet overschrijven"


def test_a_sqlite_database_is_created_readable_by_the_service_user_only(tmp_path):
    """Issue 12, finding 5: SQLite files in var/ were created 0644."""
    from sqlalchemy import text

    from core.db import make_engine

    old_umask = os.umask(0o022)
    try:
        engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'hulpwijzer.db'}")
        with engine.begin() as connection:
            connection.execute(text("create table t (x int)"))
        shared = tmp_path / "shared"
        shared.mkdir()
        os.chmod(shared, 0o755)
        existing = shared / "open.db"
        existing.write_text("")
        os.chmod(existing, 0o644)
        make_engine(f"sqlite:///{existing}")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "var" / "hulpwijzer.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) == 0o700
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # an existing folder (/tmp) keeps its mode
