"""Python message classes by proto name, from flyteidl's own generated code."""

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2  # noqa: F401  (registers types)
from flyteidl.core import compiler_pb2, dynamic_job_pb2, errors_pb2, literals_pb2  # noqa: F401
from google.protobuf import descriptor_pool, message_factory


def message_class(full_name: str):
    descriptor = descriptor_pool.Default().FindMessageTypeByName(full_name)
    return message_factory.GetMessageClass(descriptor)


def parse_binary(full_name: str, data: bytes, discard_unknown: bool = False):
    message = message_class(full_name)()
    message.ParseFromString(data)
    if discard_unknown:
        message.DiscardUnknownFields()
    return message
