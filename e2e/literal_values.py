"""Semantic comparison of flyteidl LiteralMaps: what a value *is*, not how it is stored.

`plain(literal)` turns a `flyteidl.core.Literal` into plain Python values:
  primitives → int / float / str / bool / datetime text / duration text, none → None,
  collections → lists, maps → dicts, msgpack binaries (dataclasses) → their decoded objects,
  blobs (files, directories) → ("file", bytes) / ("directory", {relative path: bytes}) read from
  wherever the URI points (a local path or file:// URI), unions → their value.
Floats stay floats, so equality is exact.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import msgpack
from flyteidl.core import literals_pb2, types_pb2
from google.protobuf import json_format


def literal_map(data: bytes) -> literals_pb2.LiteralMap:
    message = literals_pb2.LiteralMap()
    message.ParseFromString(data)
    return message


def plain_map(message: literals_pb2.LiteralMap) -> dict:
    return {name: plain(value) for name, value in message.literals.items()}


def plain(literal: literals_pb2.Literal):
    kind = literal.WhichOneof("value")
    if kind == "collection":
        return [plain(item) for item in literal.collection.literals]
    if kind == "map":
        return {key: plain(value) for key, value in literal.map.literals.items()}
    if kind == "scalar":
        return plain_scalar(literal.scalar)
    if kind == "offloaded_metadata":
        return ("offloaded", literal.offloaded_metadata.uri)
    raise AssertionError(f"literal without a value: {literal}")


def plain_scalar(scalar: literals_pb2.Scalar):
    kind = scalar.WhichOneof("value")
    if kind == "primitive":
        primitive = scalar.primitive
        which = primitive.WhichOneof("value")
        if which == "datetime":
            return ("datetime", primitive.datetime.ToJsonString())
        if which == "duration":
            return ("duration", primitive.duration.ToJsonString())
        return getattr(primitive, which)
    if kind == "none_type":
        return None
    if kind == "union":
        return plain(scalar.union.value)
    if kind == "binary":
        if scalar.binary.tag == "msgpack":
            return msgpack.unpackb(scalar.binary.value, strict_map_key=False)
        return ("binary", scalar.binary.tag, scalar.binary.value)
    if kind == "blob":
        return blob_contents(scalar.blob)
    if kind == "generic":
        return json_format.MessageToDict(scalar.generic)
    if kind == "error":
        return ("error", scalar.error.message)
    return (kind, json_format.MessageToDict(getattr(scalar, kind)))


def local_path(uri: str) -> Path:
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file"):
        return Path(parsed.path if parsed.scheme else uri)
    raise AssertionError(f"not a local URI: {uri}")


# Reads s3:// blobs when a test stores data in a bucket: a callable (uri, is_directory) →
# bytes or {relative path: bytes}; set by s3_support's fixtures.
object_reader = None


def blob_contents(blob: literals_pb2.Blob):
    multipart = blob.metadata.type.dimensionality == types_pb2.BlobType.MULTIPART
    if urlparse(blob.uri).scheme == "s3":
        assert object_reader is not None, f"{blob.uri}: no S3 reader set up"
        return ("directory" if multipart else "file", object_reader(blob.uri, multipart))
    path = local_path(blob.uri)
    if blob.metadata.type.dimensionality == types_pb2.BlobType.MULTIPART:
        assert path.is_dir(), f"directory {blob.uri} does not exist"
        return ("directory", {
            str(Path(root, name).relative_to(path)): Path(root, name).read_bytes()
            for root, _, names in os.walk(path) for name in names
        })
    assert path.is_file(), f"file {blob.uri} does not exist"
    return ("file", path.read_bytes())
