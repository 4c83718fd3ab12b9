"""Reads executions out of a data dir's SQLite store (see Sources/VaneStore/VaneStoreSchema.swift):
which executions exist, each one's parent node (the `parent_node` field of Vane's
ExecutionSpec), workflow phase, and node events. Vane's own messages have no Python bindings,
so the few fields needed are read from the protobuf wire format directly."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from flyteidl.core import identifier_pb2
from flyteidl.event import event_pb2

# Workflow phases as Vane stores them (Flyte's numbers).
WORKFLOW_PHASES = {0: "READY", 1: "RUNNING", 2: "SUCCEEDING", 3: "SUCCESS", 4: "FAILING", 5: "FAILED", 6: "ABORTED"}


def _varint(data: bytes, at: int):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def wire_fields(data: bytes) -> dict:
    """Top-level fields of a protobuf message: number -> last value (int or bytes)."""
    fields, at = {}, 0
    while at < len(data):
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            fields[number], at = _varint(data, at)
        elif wire == 2:
            length, at = _varint(data, at)
            fields[number] = data[at:at + length]
            at += length
        elif wire == 1:
            fields[number], at = data[at:at + 8], at + 8
        elif wire == 5:
            fields[number], at = data[at:at + 4], at + 4
        else:
            raise ValueError(f"unexpected wire type {wire}")
    return fields


@dataclass
class StoredExecution:
    name: str
    phase: str
    parent: Optional[identifier_pb2.NodeExecutionIdentifier]
    launch_plan: Optional[identifier_pb2.Identifier]


def executions(data_dir: Path) -> dict:
    """Every execution in the store by name."""
    found = {}
    with sqlite3.connect(data_dir / "vane.db") as db:
        rows = db.execute(
            "SELECT r.name, r.status, s.spec FROM resources r JOIN resource_specs s ON s.resource_id = r.id")
        for name, status, spec in rows:
            spec_fields = wire_fields(spec)
            parent = None
            if 7 in spec_fields:
                parent = identifier_pb2.NodeExecutionIdentifier()
                parent.ParseFromString(spec_fields[7])
            plan = None
            if 4 in spec_fields:
                plan = identifier_pb2.Identifier()
                plan.ParseFromString(spec_fields[4])
            phase = WORKFLOW_PHASES.get(wire_fields(status).get(1, 0), "?")
            found[name] = StoredExecution(name, phase, parent, plan)
    return found


def node_events(data_dir: Path, execution: str) -> list:
    """The node execution events of `execution`, oldest first."""
    events = []
    with sqlite3.connect(data_dir / "vane.db") as db:
        rows = db.execute(
            "SELECT payload FROM execution_events WHERE kind = 1 AND name = ? ORDER BY seq", (execution,))
        for (payload,) in rows:
            event = event_pb2.NodeExecutionEvent()
            event.ParseFromString(payload)
            events.append(event)
    return events
