"""What every Python producer of Deskpost facility events shares: the schema from the registry, the Avro
encoding of a whole envelope, the Confluent wire frame and the Kafka producer.

Imported by publish_events.py and seal_and_publish.py (run them from any directory: Python puts the script's
own directory on the import path). Debian packages only: python3-confluent-kafka and python3-avro.

Why the scripts encode with Apache avro and frame the bytes themselves: confluent-kafka's AvroSerializer needs
fastavro, which Debian does not package. The frame is five bytes (see wire_format), the registry client is
confluent-kafka's own.
"""

import datetime
import io
import struct
import sys

INSTALL_HINT = "apt-get install python3-confluent-kafka python3-avro python3-cryptography"


def require_packages(script):
    """Fails at once, with the install command, rather than half-way through a publish."""
    try:
        import avro.io  # noqa: F401
        import avro.schema  # noqa: F401
        import confluent_kafka.schema_registry  # noqa: F401
    except ImportError as missing:
        sys.exit(f"{script} needs {missing.name}: {INSTALL_HINT}")


# --- Event types (contract v4) --------------------------------------------------------------------------

EVENT_TYPE = "event_type"


def payload_branches(envelope):
    """The payload union's records of an envelope schema (BookingEvent, AccessEvent, BillingEvent...)."""
    return {branch.name: branch for branch in envelope.fields_dict["payload"].type.schemas}


def payload_branch(envelope, record_name):
    branches = payload_branches(envelope)
    if record_name not in branches:
        raise ValueError(f"{record_name} is not a payload of {envelope.name}: {sorted(branches)}")
    return branches[record_name]


def has_event_type(envelope, record_name):
    """Whether this version of the schema gives the payload record an event_type field (v4 and later)."""
    return EVENT_TYPE in payload_branch(envelope, record_name).fields_dict


def name_event_type(envelope, record_name, payload):
    """The payload with event_type set to the record's symbol (BookingCreated: BOOKING_CREATED), when the
    schema has the field; a schema released before v4 has none and gets the payload as it is.

    This is what makes avro write the right record: avro for Python picks a union branch by trying every
    branch and keeping the LAST one the dict validates against, so BookingCreated's fields alone are
    written as BookingModified (same fields). event_type is an enum with one symbol per record, so a
    payload that names BOOKING_CREATED validates against BookingCreated only.
    """
    return named(payload_branch(envelope, record_name), payload)


def named(branch, payload):
    """The payload with its event_type, the one symbol of the branch's enum, read from the schema rather than
    spelled here; the payload as it is when the branch has no such field (before v4)."""
    field = branch.fields_dict.get(EVENT_TYPE)
    if field is None:
        return dict(payload)
    symbol = next(t for t in field.type.schemas if t.type == "enum").symbols[0]
    return {**payload, EVENT_TYPE: symbol}


def branch_written(envelope, event):
    """The payload record avro writes for this event. It mirrors avro.io.DatumWriter.write_union (the last
    branch that validates wins), only to tell the user what was published; the encoding itself is avro's."""
    import avro.io

    chosen = None
    for name, branch in payload_branches(envelope).items():
        if avro.io.validate(branch, event["payload"]):
            chosen = name
    return chosen


# --- Encoding and the Confluent frame -------------------------------------------------------------------

def parse_schema(text):
    import avro.schema

    return avro.schema.parse(text)


def encode(envelope, event):
    """Avro binary of a whole envelope dict, letting avro pick the payload's union branch."""
    import avro.io

    out = io.BytesIO()
    avro.io.DatumWriter(envelope).write(event, avro.io.BinaryEncoder(out))
    return out.getvalue()


def encode_naming_branch(envelope, event, record_name):
    """Avro binary of an envelope whose payload branch is given by name rather than left to avro: for schemas
    before v4, where nothing in the fields tells records of the same shape apart."""
    import avro.io

    out = io.BytesIO()
    encoder = avro.io.BinaryEncoder(out)
    for field in envelope.fields:
        if field.name == "payload":
            names = [branch.name for branch in field.type.schemas]
            if record_name not in names:
                raise ValueError(f"{record_name} is not a payload of {envelope.name}: {names}")
            index = names.index(record_name)
            encoder.write_long(index)
            avro.io.DatumWriter(field.type.schemas[index]).write(event["payload"], encoder)
        else:
            avro.io.DatumWriter(field.type).write(event[field.name], encoder)
    return out.getvalue()


def wire_format(schema_id, avro_bytes):
    """Confluent wire format: magic byte 0, the schema id as 4 bytes big endian, then the Avro binary."""
    return b"\x00" + struct.pack(">I", schema_id) + avro_bytes


# --- Registry and producer ------------------------------------------------------------------------------

def add_connection_arguments(parser):
    """The broker, registry and login options every script takes."""
    parser.add_argument("--bootstrap-servers", help="Kafka bootstrap servers, host:port[,host:port]")
    parser.add_argument("--registry", help="schema registry URL")
    parser.add_argument("--registry-user-info", help="registry basic auth, user:password")
    parser.add_argument("--user", help="SASL SCRAM user (the facility system's Kafka principal)")
    parser.add_argument("--password", help="SASL SCRAM password")
    parser.add_argument("--security-protocol", default="SASL_PLAINTEXT", help="with --user: SASL_PLAINTEXT"
                        " (default, as docker-compose) or SASL_SSL")
    parser.add_argument("--sasl-mechanism", default="SCRAM-SHA-512")


def check_connection_arguments(parser, args):
    if not (args.bootstrap_servers and args.registry):
        parser.error("--bootstrap-servers and --registry are needed to publish")
    if args.user and args.password is None:
        parser.error("--user needs --password")


def registry_client(args):
    from confluent_kafka.schema_registry import SchemaRegistryClient

    config = {"url": args.registry}
    if args.registry_user_info:
        config["basic.auth.user.info"] = args.registry_user_info
    return SchemaRegistryClient(config)


def registry_schema(registry, subject, schema_file=None):
    """The subject's schema id and text: registered from schema_file, else its latest registered version."""
    from confluent_kafka.schema_registry import Schema

    if schema_file:
        with open(schema_file, encoding="utf-8") as file:
            text = file.read()
        # Registering a schema the subject already has returns its id; a new compatible one gets a new id.
        return registry.register_schema(subject, Schema(text, "AVRO")), text
    latest = registry.get_latest_version(subject)
    return latest.schema_id, latest.schema.schema_str


def producer_config(args):
    config = {"bootstrap.servers": args.bootstrap_servers, "acks": "all", "enable.idempotence": True}
    if args.user:
        config.update({"security.protocol": args.security_protocol, "sasl.mechanisms": args.sasl_mechanism,
                       "sasl.username": args.user, "sasl.password": args.password})
    return config


class Publisher:
    """One idempotent producer for the whole run; each send waits for the broker's acknowledgement."""

    def __init__(self, args):
        from confluent_kafka import Producer

        self._bootstrap = args.bootstrap_servers
        self._producer = Producer(producer_config(args))

    def send(self, topic, key, value):
        """Publishes one record and returns (partition, offset); exits with the broker's reason if refused."""
        delivered = []
        self._producer.produce(topic, key=key.encode("utf-8"), value=value,
                               on_delivery=lambda error, message: delivered.append((error, message)))
        remaining = self._producer.flush(30)
        if remaining or not delivered:
            sys.exit(f"{topic}: the broker at {self._bootstrap} did not confirm the event within 30 s")
        error, message = delivered[0]
        if error is not None:
            sys.exit(f"{topic}: the broker refused the event: {error.str()}")
        return message.partition(), message.offset()


# --- Event fields ---------------------------------------------------------------------------------------

def utc(text, default=None):
    """An ISO-8601 instant as an aware UTC datetime (avro writes it as timestamp-millis); default when None."""
    if text is None:
        return default if default is not None else datetime.datetime.now(datetime.timezone.utc)
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)


def header(event_id, location_id, source, entity_version, occurred_at=None, correlation_id=None):
    """The EventHeader every facility event carries (DESIGN section 2)."""
    return {
        "event_id": event_id,
        "occurred_at": utc(occurred_at),
        "source": source,
        "entity_version": entity_version,
        "location_id": location_id,
        "correlation_id": correlation_id or event_id,
    }
