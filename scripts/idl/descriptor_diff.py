"""Compares the wire facts of two sets of proto file descriptors.

Used by `draft_protos.py --check`: one side is compiled from our `proto/` tree with protoc,
the other comes from the flyteidl Python package. Comments, file options and the dropped
HTTP/validation imports are not wire facts, so they are ignored. Each file is flattened into
a dict `{"what full.name": facts}`; two files match when their dicts are equal.
"""
import subprocess
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2 as dpb

LABELS = {1: "optional", 2: "required", 3: "repeated"}


def compile_tree(root, protoc="protoc", include="/usr/include"):
    """Compiles every .proto under `root` into a FileDescriptorSet; returns {file name: fdp}."""
    files = sorted(str(p.relative_to(root)) for p in Path(root).rglob("*.proto"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.pb"
        subprocess.run([protoc, f"-I{root}", f"-I{include}", f"--descriptor_set_out={out}", *files],
                       check=True)
        fds = dpb.FileDescriptorSet.FromString(out.read_bytes())
    return {f.name: f for f in fds.file}


def flatten_file(fdp, dropped_imports):
    """Every wire fact of one file, keyed by kind and full name."""
    facts = {}
    deps = tuple(d for d in fdp.dependency if not d.startswith(dropped_imports))
    facts[f"file {fdp.name}"] = {"package": fdp.package, "syntax": fdp.syntax, "imports": deps}
    scope = "." + fdp.package if fdp.package else ""
    for enum in fdp.enum_type:
        _flatten_enum(enum, scope, facts)
    for msg in fdp.message_type:
        _flatten_message(msg, scope, facts)
    for svc in fdp.service:
        name = f"{scope}.{svc.name}"
        facts[f"service {name}"] = {"methods": tuple(m.name for m in svc.method)}
        for m in svc.method:
            facts[f"method {name}.{m.name}"] = {
                "input": m.input_type, "output": m.output_type,
                "client_streaming": m.client_streaming, "server_streaming": m.server_streaming,
            }
    return facts


def _flatten_enum(enum, scope, facts):
    name = f"{scope}.{enum.name}"
    facts[f"enum {name}"] = {"values": tuple(v.name for v in enum.value),
                             "allow_alias": enum.options.allow_alias}
    for v in enum.value:
        facts[f"enum value {name}.{v.name}"] = {"number": v.number,
                                               "deprecated": v.options.deprecated}


def _flatten_message(msg, scope, facts):
    name = f"{scope}.{msg.name}"
    maps = {f"{name}.{n.name}" for n in msg.nested_type if n.options.map_entry}
    facts[f"message {name}"] = {
        "fields": tuple(f.name for f in msg.field),
        "oneofs": tuple(o.name for o in msg.oneof_decl),
        "map_entry": msg.options.map_entry,
        "deprecated": msg.options.deprecated,
        "reserved": tuple((r.start, r.end) for r in msg.reserved_range) + tuple(msg.reserved_name),
    }
    for i, oneof in enumerate(msg.oneof_decl):
        members = [f for f in msg.field if f.HasField("oneof_index") and f.oneof_index == i]
        facts[f"oneof {name}.{oneof.name}"] = {
            "members": tuple(f.name for f in members),
            "synthetic": all(f.proto3_optional for f in members),
        }
    for f in msg.field:
        oneof = msg.oneof_decl[f.oneof_index].name if f.HasField("oneof_index") else None
        facts[f"field {name}.{f.name}"] = {
            "number": f.number, "type": dpb.FieldDescriptorProto.Type.Name(f.type),
            "label": LABELS.get(f.label, f.label), "type_name": f.type_name,
            "json_name": f.json_name, "map": f.type_name in maps,
            "proto3_optional": f.proto3_optional, "oneof": oneof,
            "deprecated": f.options.deprecated,
        }
    for enum in msg.enum_type:
        _flatten_enum(enum, name, facts)
    for nested in msg.nested_type:
        _flatten_message(nested, name, facts)


def diff_files(expected, actual, dropped_imports):
    """Human-readable differences between two file descriptors; empty when they agree."""
    want = flatten_file(expected, dropped_imports)
    have = flatten_file(actual, dropped_imports)
    out = []
    for key in want:
        if key not in have:
            out.append(f"{expected.name}: missing {key}")
        elif want[key] != have[key]:
            for fact, value in want[key].items():
                if have[key].get(fact) != value:
                    out.append(f"{expected.name}: {key}: {fact} is {have[key].get(fact)!r}, "
                               f"flyteidl has {value!r}")
    for key in have:
        if key not in want:
            out.append(f"{expected.name}: extra {key} (not in flyteidl)")
    return out
