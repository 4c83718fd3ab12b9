"""flytekit's messages through `vane idl convert`, read back by flyteidl's Python classes:
proves Python parses what Swift writes, in both encodings."""

import pytest
from google.protobuf import json_format

from conftest import MESSAGE_FIXTURES, manifest_entries
from messages import message_class, parse_binary

ENTRIES = manifest_entries()
IDS = [entry["file"] for entry in ENTRIES]


def original(entry, discard_unknown=False):
    return parse_binary(entry["type"], (MESSAGE_FIXTURES / entry["file"]).read_bytes(), discard_unknown)


def convert(vane, entry, source, target, path_in, path_out):
    result = vane("idl", "convert", "--type", entry["type"], "--from", source, "--to", target, path_in, path_out)
    assert result.returncode == 0, f"convert {entry['file']} {source}->{target}: {result.stderr}"
    return path_out


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_binary_to_json(vane, entry, tmp_path):
    out = convert(vane, entry, "binary", "json", MESSAGE_FIXTURES / entry["file"], tmp_path / "out.json")
    parsed = json_format.Parse(out.read_text(), message_class(entry["type"])())
    # JSON cannot carry unknown fields, so they are not expected back.
    assert parsed == original(entry, discard_unknown=True)


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_json_to_binary(vane, entry, tmp_path):
    out = convert(vane, entry, "json", "binary", MESSAGE_FIXTURES / entry["json"], tmp_path / "out.pb")
    parsed = parse_binary(entry["type"], out.read_bytes())
    assert parsed == original(entry, discard_unknown=True)
    if not entry.get("unknown_fields"):
        # The fixtures are in canonical order (map keys sorted lexicographically, see
        # make_fixtures.py); Python's default upb runtime orders prefix keys differently, so
        # compare with the fixture rather than with a re-serialization made here.
        assert out.read_bytes() == (MESSAGE_FIXTURES / entry["file"]).read_bytes()


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_binary_to_binary_is_byte_identical(vane, entry, tmp_path):
    fixture = MESSAGE_FIXTURES / entry["file"]
    out = convert(vane, entry, "binary", "binary", fixture, tmp_path / "out.pb")
    assert out.read_bytes() == fixture.read_bytes()
    assert parse_binary(entry["type"], out.read_bytes()) == original(entry)


def test_unknown_type_is_bad_input(vane, tmp_path):
    result = vane(
        "idl", "convert", "--type", "flyteidl.core.NoSuchThing", "--from", "binary", "--to", "json",
        MESSAGE_FIXTURES / "task_python.pb", tmp_path / "out.json",
    )  # fmt: skip
    assert result.returncode == 2
    assert "flyteidl.core.NoSuchThing" in result.stderr


def test_garbage_input_is_bad_input(vane, tmp_path):
    garbage = tmp_path / "garbage.pb"
    garbage.write_bytes(b"\xff\xff\xff\xff not a message")
    result = vane("idl", "convert", "--type", "flyteidl.core.LiteralMap", garbage, tmp_path / "out.json")
    assert result.returncode == 2
    assert "garbage.pb" in result.stderr
