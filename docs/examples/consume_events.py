#!/usr/bin/env python3
"""Reads newsmon's events from Kafka and prints each as one JSON line.

A consumer needs no generated code and no checkout of newsmon: the schema
comes from the binary (`newsmon schema --descriptor-set -o events.desc`, or
the packaged /usr/share/newsmon/proto/ compiled with protoc), and every event
names its message type in the `newsmon-message` header beside its
CloudEvents headers (`ce_id`, `ce_type`, `ce_source`, `ce_time`).

    newsmon schema --descriptor-set -o events.desc
    docs/examples/consume_events.py --brokers localhost:9092 \\
        --topic newsmon.quotes.v1 --descriptor-set events.desc --from-beginning

Needs Debian's python3-confluent-kafka and python3-protobuf. Events with the
same `ce_id` are the same event delivered again (newsmon delivers at least
once); the example drops repeats it has seen, as a consumer should.
"""
import argparse
import json
import sys
import uuid

from confluent_kafka import Consumer, KafkaError
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def load_classes(descriptor_set_path):
    """Message classes by full name, from a serialised FileDescriptorSet."""
    files = descriptor_pb2.FileDescriptorSet()
    with open(descriptor_set_path, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in files.file:  # dependencies come first
        pool.Add(file_proto)
    factory = message_factory.MessageFactory(pool)
    classes = {}
    for file_proto in files.file:
        for message in file_proto.message_type:
            name = f"{file_proto.package}.{message.name}" if file_proto.package else message.name
            classes[name] = factory.GetPrototype(pool.FindMessageTypeByName(name))
    return classes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", action="append", required=True, help="repeat for several topics")
    parser.add_argument("--descriptor-set", required=True, help="from `newsmon schema --descriptor-set`")
    parser.add_argument("--group", default=None, help="consumer group (default: a new one each run)")
    parser.add_argument("--from-beginning", action="store_true")
    parser.add_argument("--max-events", type=int, default=0, help="stop after this many (0: run until Ctrl-C)")
    parser.add_argument("--idle-timeout", type=float, default=0, help="stop after this many seconds without an event, counted once partitions are assigned (0: never)")
    args = parser.parse_args()

    classes = load_classes(args.descriptor_set)
    consumer = Consumer({
        "bootstrap.servers": args.brokers,
        "group.id": args.group or f"newsmon-example-{uuid.uuid4()}",
        "auto.offset.reset": "earliest" if args.from_beginning else "latest",
        "enable.auto.commit": True,
    })
    # Idle time counts once the group has assigned partitions: joining a
    # group takes a few seconds and is not idleness.
    assigned = []
    consumer.subscribe(args.topic, on_assign=lambda _consumer, partitions: assigned.append(len(partitions)))
    seen_ids = set()
    printed = 0
    idle = 0.0
    try:
        while args.max_events == 0 or printed < args.max_events:
            msg = consumer.poll(0.5)
            if msg is None:
                if assigned:
                    idle += 0.5
                if args.idle_timeout and idle >= args.idle_timeout:
                    break
                continue
            idle = 0.0
            if msg.error():
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    print(f"kafka error: {msg.error()}", file=sys.stderr)
                continue
            headers = {k: (v.decode("utf-8") if v is not None else None) for k, v in (msg.headers() or [])}
            event_id = headers.get("ce_id")
            if event_id in seen_ids:
                continue  # a redelivery of an event already handled
            seen_ids.add(event_id)
            cls = classes.get(headers.get("newsmon-message", ""))
            if cls is None:
                print(f"unknown message type {headers.get('newsmon-message')!r} at offset {msg.offset()}",
                      file=sys.stderr)
                continue
            event = cls()
            event.ParseFromString(msg.value())
            print(json.dumps({
                "topic": msg.topic(),
                "key": msg.key().decode("utf-8") if msg.key() else None,
                "headers": headers,
                "event": json_format.MessageToDict(event, preserving_proto_field_name=True),
            }, ensure_ascii=False), flush=True)
            printed += 1
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
