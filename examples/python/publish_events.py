#!/usr/bin/env python3
"""A facility system outside the JVM publishes a booking, a keycard and a payment to Deskpost.

Each event is a plain dict encoded by Apache avro (python3-avro) with the WHOLE envelope schema of its topic
(BookingEvent, AccessEvent, BillingEvent), as a Python producer naturally writes it: avro picks the payload's
union branch itself. The payload names its type in `event_type` (contract v4, e.g. "BOOKING_CREATED"), so only
the intended record validates and avro cannot write a new booking as a "booking changed" event, which has the
same fields. --without-event-type leaves the name out to show what Deskpost does with such a record: it
dead-letters it, naming the field to set.

The records go to facility.bookings (keyed by booking id), facility.access (member id) and facility.billing
(subscription id) in Confluent wire format, with the schema id of the latest schema registered under
<topic>-value, or of the one registered from --schema-file. See the README beside this file.

Debian packages only: apt-get install python3-confluent-kafka python3-avro
"""

import argparse
import datetime
import sys
import uuid

import deskpost_wire as wire

ENVELOPES = {
    # envelope record -> (topic, payload record this script publishes)
    "BookingEvent": ("facility.bookings", "BookingCreated"),
    "AccessEvent": ("facility.access", "KeycardProvisioned"),
    "BillingEvent": ("facility.billing", "PaymentSucceeded"),
}
EVENTS = {"booking": "BookingEvent", "keycard": "AccessEvent", "payment": "BillingEvent"}


def _suffix():
    return uuid.uuid4().hex[:8].upper()


def _today():
    return datetime.datetime.now(datetime.timezone.utc).date()


def _date(text, default):
    return datetime.date.fromisoformat(text) if text else default


# --- The three events: (record key, envelope dict without its header) ----------------------------------

def booking(args):
    starts_at = wire.utc(args.starts_at, default=datetime.datetime.combine(
        _today() + datetime.timedelta(days=1), datetime.time(9), datetime.timezone.utc))
    ends_at = wire.utc(args.ends_at, default=starts_at + datetime.timedelta(hours=1))
    booking_id = args.booking_id or f"B-PY-{_suffix()}"
    return booking_id, {
        "booking_id": booking_id,
        "member_id": args.member,
        "payload": {
            "resource": {"resource_id": args.resource_id, "name": args.resource_name, "kind": args.kind,
                         "floor": args.floor},
            "starts_at": starts_at,
            "ends_at": ends_at,
            "guests": [],
            "notes": args.notes,
        },
    }


def keycard(args):
    return args.member, {
        "member_id": args.member,
        "payload": {
            "keycard_id": args.keycard_id or f"K-PY-{_suffix()}",
            "valid_from": wire.utc(args.valid_from),
            "valid_until": wire.utc(args.valid_until) if args.valid_until else None,
            "zones": args.zone or [],
        },
    }


def payment(args):
    period_start = _date(args.period_start, _today())
    # A month's period by default: the same day next month, minus one.
    next_month = (period_start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    default_end = next_month.replace(day=min(period_start.day, 28)) - datetime.timedelta(days=1)
    subscription_id = args.subscription_id or f"SUB-PY-{_suffix()}"
    return subscription_id, {
        "subscription_id": subscription_id,
        "member_id": args.member,
        "payload": {
            "payment_id": args.payment_id or f"PAY-PY-{_suffix()}",
            "amount": {"amount_minor": args.amount_minor, "currency": args.currency},
            "paid_at": wire.utc(args.paid_at),
            "period_start": period_start,
            "period_end": _date(args.period_end, default_end),
            "method": args.method,
        },
    }


BUILDERS = {"booking": booking, "keycard": keycard, "payment": payment}


# --- Publishing -----------------------------------------------------------------------------------------

class Schemas:
    """The schema (id, parsed) of each topic: registered from a --schema-file naming its envelope, else the
    latest version registered under <topic>-value. Looked up once per run."""

    def __init__(self, args):
        self._registry = wire.registry_client(args)
        self._files = schema_files(args.schema_file or [])
        self._cache = {}

    def of(self, envelope):
        if envelope not in self._cache:
            topic = ENVELOPES[envelope][0]
            schema_id, text = wire.registry_schema(self._registry, f"{topic}-value", self._files.get(envelope))
            self._cache[envelope] = schema_id, wire.parse_schema(text)
        return self._cache[envelope]


def schema_files(paths):
    """--schema-file paths by the envelope record each holds; a file for another record is a mistake."""
    import avro.schema

    files = {}
    for path in paths:
        with open(path, encoding="utf-8") as file:
            name = avro.schema.parse(file.read()).name
        if name not in ENVELOPES:
            sys.exit(f"{path} holds the {name} schema; publish_events.py takes {', '.join(ENVELOPES)}")
        files[name] = path
    return files


def publish(kind, args, schemas, publisher):
    envelope_name = EVENTS[kind]
    topic, record = ENVELOPES[envelope_name]
    schema_id, envelope = schemas.of(envelope_name)
    key, event = BUILDERS[kind](args)
    event_id = (args.event_id if kind == args.command else None) or str(uuid.uuid4())
    event["header"] = wire.header(event_id, args.location, args.source, args.entity_version, args.occurred_at,
                                  args.correlation_id)
    typed = wire.has_event_type(envelope, record)
    if not args.without_event_type:
        if not typed:
            sys.exit(f"{topic}-value schema id {schema_id} predates event_type (contract v4): avro could write"
                     f" {record}'s fields as another record of the same shape. Register"
                     f" schemas/released/v4/{envelope_name}.avsc (--schema-file) and run again.")
        event["payload"] = wire.name_event_type(envelope, record, event["payload"])
    written = wire.branch_written(envelope, event)
    value = wire.wire_format(schema_id, wire.encode(envelope, event))
    partition, offset = publisher.send(topic, key, value)
    named = f"event_type {event['payload'][wire.EVENT_TYPE]}" if wire.EVENT_TYPE in event["payload"] \
        else "no event_type"
    print(f"published {written} {event_id} ({named}) to {topic} key {key} partition {partition} offset"
          f" {offset}, schema id {schema_id}")
    if written != record:
        print(f"warning: {record}'s fields were written as {written}: avro picks the last union branch they fit",
              file=sys.stderr)
    if typed and args.without_event_type:
        print(f"warning: Deskpost dead-letters this {topic} record to {topic}.dlq: its schema has event_type and"
              f" the payload leaves it null", file=sys.stderr)


# --- Command line ---------------------------------------------------------------------------------------

def common_arguments():
    common = argparse.ArgumentParser(add_help=False)
    wire.add_connection_arguments(common)
    common.add_argument("--schema-file", action="extend", nargs="+", metavar="AVSC",
                        help="BookingEvent/AccessEvent/BillingEvent .avsc to register under its topic's subject"
                        " (default: the latest version already registered), e.g."
                        " schemas/released/v4/BookingEvent.avsc")
    common.add_argument("--member", required=True, help="member id (member_id; the key on facility.access)")
    common.add_argument("--location", required=True, help="location id (header.location_id)")
    common.add_argument("--source", default="python-facility-example", help="header.source")
    common.add_argument("--entity-version", type=int, default=1, help="header.entity_version: the booking's,"
                        " credential's or subscription's version, monotonic per entity")
    common.add_argument("--occurred-at", help="header.occurred_at, ISO-8601 (default: now)")
    common.add_argument("--correlation-id", help="header.correlation_id (default: each event's id)")
    common.add_argument("--without-event-type", action="store_true",
                        help="leave payload.event_type out, as a producer that does not name the type would:"
                        " Deskpost dead-letters the record")
    return common


def booking_arguments():
    group = argparse.ArgumentParser(add_help=False)
    options = group.add_argument_group("booking (BookingCreated on facility.bookings)")
    options.add_argument("--booking-id", help="booking id, the record key (default: B-PY-<random>)")
    options.add_argument("--resource-id", default="R-PY-1", help="booked space id")
    options.add_argument("--resource-name", default="Meeting room Python", help="space name shown to the member")
    options.add_argument("--kind", default="MEETING_ROOM", choices=["DESK", "OFFICE", "MEETING_ROOM", "OTHER"])
    options.add_argument("--floor", help="floor or area")
    options.add_argument("--starts-at", help="ISO-8601 start (default: tomorrow 09:00 UTC)")
    options.add_argument("--ends-at", help="ISO-8601 end (default: an hour after the start)")
    options.add_argument("--notes", help="the member's note")
    return group


def keycard_arguments():
    group = argparse.ArgumentParser(add_help=False)
    options = group.add_argument_group("keycard (KeycardProvisioned on facility.access)")
    options.add_argument("--keycard-id", help="printed keycard number, not a secret (default: K-PY-<random>)")
    options.add_argument("--valid-from", help="ISO-8601 instant the card starts opening doors (default: now)")
    options.add_argument("--valid-until", help="ISO-8601 instant the card expires (default: never)")
    options.add_argument("--zone", action="append", help="a zone the card opens (repeat for several)")
    return group


def payment_arguments():
    group = argparse.ArgumentParser(add_help=False)
    options = group.add_argument_group("payment (PaymentSucceeded on facility.billing)")
    options.add_argument("--subscription-id", help="subscription id, the record key (default: SUB-PY-<random>)")
    options.add_argument("--payment-id", help="the processor's payment id (default: PAY-PY-<random>)")
    options.add_argument("--amount-minor", type=int, default=25000, help="amount in the currency's minor unit"
                         " (default 25000, i.e. 250.00)")
    options.add_argument("--currency", default="GBP", help="ISO 4217 code (default GBP)")
    options.add_argument("--paid-at", help="ISO-8601 instant of the charge (default: now)")
    options.add_argument("--period-start", help="first day paid for, YYYY-MM-DD (default: today, UTC)")
    options.add_argument("--period-end", help="last day paid for (default: a month after the start, less a day)")
    options.add_argument("--method", help='payment method shown to the member, e.g. "Visa ending 4242"')
    return group


def arguments(argv):
    parser = argparse.ArgumentParser(description="Publish facility events to Deskpost from Python, each naming"
                                     " its type (payload.event_type).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{booking,keycard,payment,all}")
    common = common_arguments()
    event_id = argparse.ArgumentParser(add_help=False)
    event_id.add_argument("--event-id", help="header.event_id (default: a new UUID); Deskpost derives draft ids"
                          " from it, so the same event id never mails twice")
    groups = {"booking": booking_arguments(), "keycard": keycard_arguments(), "payment": payment_arguments()}
    helps = {"booking": "a BookingCreated (the member's booking confirmation)",
             "keycard": "a KeycardProvisioned (the member's keycard mail; no credential in it, nothing to seal)",
             "payment": "a PaymentSucceeded (the member's receipt)"}
    for kind, group in groups.items():
        commands.add_parser(kind, parents=[common, event_id, group], help=helps[kind])
    commands.add_parser("all", parents=[common, *groups.values()], help="all three, each with a new event id")
    args = parser.parse_args(argv)
    wire.check_connection_arguments(parser, args)
    # A subcommand has no options for the events it does not publish: give the builders their defaults.
    for group in [event_id, *groups.values()]:
        for name, default in vars(group.parse_args([])).items():
            args.__dict__.setdefault(name, default)
    return args


def main(argv):
    args = arguments(argv)
    wire.require_packages("publish_events.py")
    schemas = Schemas(args)
    publisher = wire.Publisher(args)
    for kind in (EVENTS if args.command == "all" else [args.command]):
        publish(kind, args, schemas, publisher)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
