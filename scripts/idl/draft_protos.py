#!/usr/bin/env python3
"""Drafts proto3 sources for the flyteidl subset Vane speaks.

Run once with the flyteidl package that ships with flytekit 1.16 installed. It reads the
descriptors compiled into that package (names, numbers, types: the facts of the wire format)
and prints them as .proto text with no comments. The drafts were then annotated by hand in
`proto/`; this script is kept to show where the wire facts came from and to
check them again after a flyteidl upgrade (`--check DIR` reports every difference).
"""
import argparse
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

from google.protobuf import descriptor_pb2 as dpb

from descriptor_diff import compile_tree, diff_files

SUBSET = [
    "core.artifact_id", "core.catalog", "core.compiler", "core.condition", "core.dynamic_job",
    "core.errors", "core.execution", "core.execution_envs", "core.identifier", "core.interface",
    "core.literals", "core.metrics", "core.security", "core.tasks", "core.types",
    "core.workflow", "core.workflow_closure",
    "admin.cluster_assignment", "admin.common", "admin.description_entity", "admin.event",
    "admin.execution", "admin.launch_plan", "admin.matchable_resource", "admin.node_execution",
    "admin.notification", "admin.project", "admin.project_attributes",
    "admin.project_domain_attributes", "admin.schedule", "admin.signal", "admin.task",
    "admin.task_execution", "admin.version", "admin.workflow", "admin.workflow_attributes",
    "event.event",
    "service.admin", "service.auth", "service.dataproxy", "service.signal",
    "plugins.array_job",
]
DROPPED_IMPORTS = ("google/api/", "protoc-gen-openapiv2/", "validate/")
SCALARS = {
    dpb.FieldDescriptorProto.TYPE_DOUBLE: "double", dpb.FieldDescriptorProto.TYPE_FLOAT: "float",
    dpb.FieldDescriptorProto.TYPE_INT64: "int64", dpb.FieldDescriptorProto.TYPE_UINT64: "uint64",
    dpb.FieldDescriptorProto.TYPE_INT32: "int32", dpb.FieldDescriptorProto.TYPE_FIXED64: "fixed64",
    dpb.FieldDescriptorProto.TYPE_FIXED32: "fixed32", dpb.FieldDescriptorProto.TYPE_BOOL: "bool",
    dpb.FieldDescriptorProto.TYPE_STRING: "string", dpb.FieldDescriptorProto.TYPE_BYTES: "bytes",
    dpb.FieldDescriptorProto.TYPE_UINT32: "uint32", dpb.FieldDescriptorProto.TYPE_SFIXED32: "sfixed32",
    dpb.FieldDescriptorProto.TYPE_SFIXED64: "sfixed64", dpb.FieldDescriptorProto.TYPE_SINT32: "sint32",
    dpb.FieldDescriptorProto.TYPE_SINT64: "sint64",
}


def type_name(field, package):
    if field.type in SCALARS:
        return SCALARS[field.type]
    name = field.type_name.lstrip(".")
    # Shorten names inside our own package so the text reads naturally.
    if name.startswith(package + "."):
        return name[len(package) + 1:]
    return name


def render_enum(enum, indent):
    pad = "  " * indent
    out = [f"{pad}enum {enum.name} {{"]
    if enum.options.allow_alias:
        out.append(f"{pad}  option allow_alias = true;")
    for value in enum.value:
        dep = " [deprecated = true]" if value.options.deprecated else ""
        out.append(f"{pad}  {value.name} = {value.number}{dep};")
    out.append(f"{pad}}}")
    return out


def render_field(field, maps, package, pad):
    opts = []
    if field.options.deprecated:
        opts.append("deprecated = true")
    if field.json_name and field.json_name != camel(field.name):
        opts.append(f'json_name = "{field.json_name}"')
    suffix = f" [{', '.join(opts)}]" if opts else ""
    if field.type_name in maps:
        key, value = maps[field.type_name]
        return f"{pad}map<{type_name(key, package)}, {type_name(value, package)}> {field.name} = {field.number}{suffix};"
    label = ""
    if field.label == dpb.FieldDescriptorProto.LABEL_REPEATED:
        label = "repeated "
    elif field.proto3_optional:
        label = "optional "
    return f"{pad}{label}{type_name(field, package)} {field.name} = {field.number}{suffix};"


def camel(name):
    parts = name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def render_message(msg, indent, package, scope):
    pad = "  " * indent
    full = f"{scope}.{msg.name}"
    maps = {}
    for nested in msg.nested_type:
        if nested.options.map_entry:
            maps[f"{full}.{nested.name}"] = (nested.field[0], nested.field[1])
    out = [f"{pad}message {msg.name} {{"]
    if msg.options.deprecated:
        out.append(f"{pad}  option deprecated = true;")
    for enum in msg.enum_type:
        out += render_enum(enum, indent + 1)
    for nested in msg.nested_type:
        if not nested.options.map_entry:
            out += render_message(nested, indent + 1, package, full)
    real_oneofs = {}
    for field in msg.field:
        if field.HasField("oneof_index") and not field.proto3_optional:
            real_oneofs.setdefault(field.oneof_index, []).append(field)
    emitted = set()
    for field in msg.field:
        if field.HasField("oneof_index") and not field.proto3_optional:
            idx = field.oneof_index
            if idx in emitted:
                continue
            emitted.add(idx)
            out.append(f"{pad}  oneof {msg.oneof_decl[idx].name} {{")
            for member in real_oneofs[idx]:
                out.append(render_field(member, maps, package, pad + "    "))
            out.append(f"{pad}  }}")
        else:
            out.append(render_field(field, maps, package, pad + "  "))
    for r in msg.reserved_range:
        out.append(f"{pad}  reserved {r.start}{'' if r.end - 1 == r.start else f' to {r.end - 1}'};")
    for n in msg.reserved_name:
        out.append(f'{pad}  reserved "{n}";')
    out.append(f"{pad}}}")
    return out


def render_service(svc, package):
    out = [f"service {svc.name} {{"]
    for m in svc.method:
        cs = "stream " if m.client_streaming else ""
        ss = "stream " if m.server_streaming else ""
        out.append(f"  rpc {m.name}({cs}{type_name_ref(m.input_type, package)}) returns "
                   f"({ss}{type_name_ref(m.output_type, package)});")
    out.append("}")
    return out


def type_name_ref(name, package):
    name = name.lstrip(".")
    return name[len(package) + 1:] if name.startswith(package + ".") else name


def render_file(fdp):
    out = ['syntax = "proto3";', "", f"package {fdp.package};", ""]
    for dep in fdp.dependency:
        if not dep.startswith(DROPPED_IMPORTS):
            out.append(f'import "{dep}";')
    out.append("")
    for enum in fdp.enum_type:
        out += render_enum(enum, 0) + [""]
    for msg in fdp.message_type:
        out += render_message(msg, 0, fdp.package, "." + fdp.package) + [""]
    for svc in fdp.service:
        out += render_service(svc, fdp.package) + [""]
    return "\n".join(out).rstrip() + "\n"


def installed_descriptors():
    """The subset's file descriptors as compiled into the installed flyteidl package."""
    for name in SUBSET:
        module = importlib.import_module(f"flyteidl.{name}_pb2")
        fdp = dpb.FileDescriptorProto()
        module.DESCRIPTOR.CopyToProto(fdp)
        yield fdp


def draft(out):
    for fdp in installed_descriptors():
        target = out / fdp.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_file(fdp))
        print(target, file=sys.stderr)
    return 0


def check(root):
    """Compiles `root` with protoc and reports every wire difference from flyteidl."""
    protoc = shutil.which("protoc")
    if protoc is None:
        print("error: protoc not found on PATH (apt-get install protobuf-compiler)", file=sys.stderr)
        return 2
    try:
        ours = compile_tree(root, protoc)
    except subprocess.CalledProcessError:
        print(f"error: protoc could not compile the protos under {root} (see above)", file=sys.stderr)
        return 2
    problems = []
    for fdp in installed_descriptors():
        if fdp.name not in ours:
            problems.append(f"{fdp.name}: file missing under {root}")
            continue
        problems += diff_files(fdp, ours.pop(fdp.name), DROPPED_IMPORTS)
    problems += [f"{name}: extra file, not in the subset" for name in sorted(ours)]
    for line in problems:
        print(line)
    print(f"{len(SUBSET)} files checked, {len(problems)} difference(s)", file=sys.stderr)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("out", type=Path, nargs="?", help="directory to write drafts into")
    group.add_argument("--check", metavar="DIR", type=Path,
                       help="compare the protos under DIR with the installed flyteidl")
    args = parser.parse_args()
    return check(args.check) if args.check else draft(args.out)


if __name__ == "__main__":
    sys.exit(main())
