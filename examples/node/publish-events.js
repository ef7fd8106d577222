#!/usr/bin/env node
// Publishes a booking (BookingCreated on facility.bookings), an access event (KeycardProvisioned on
// facility.access) and a billing event (PaymentSucceeded on facility.billing) to Deskpost, the way a facility
// system written in Node does: kafkajs for Kafka, @kafkajs/confluent-schema-registry (avsc underneath) for the
// Confluent wire format and the registry. Every payload names its event type (payload.event_type, contract v4):
// Deskpost dead-letters a v4 payload that leaves it null. See README.md beside this file.
'use strict';

const fs = require('node:fs');
const crypto = require('node:crypto');
const { parseArgs } = require('node:util');
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType, COMPATIBILITY } = require('@kafkajs/confluent-schema-registry');

const DAY_MS = 24 * 60 * 60 * 1000;

/** The three events this example publishes: topic, record key, payload record and its event_type symbol. */
const KINDS = {
  booking: { topic: 'facility.bookings', envelope: 'BookingEvent', record: 'BookingCreated',
    eventType: 'BOOKING_CREATED' },
  access: { topic: 'facility.access', envelope: 'AccessEvent', record: 'KeycardProvisioned',
    eventType: 'KEYCARD_PROVISIONED' },
  billing: { topic: 'facility.billing', envelope: 'BillingEvent', record: 'PaymentSucceeded',
    eventType: 'PAYMENT_SUCCEEDED' },
};

const OPTIONS = {
  'bootstrap-servers': { type: 'string', help: 'Kafka bootstrap servers, host:port[,host:port] (required)' },
  registry: { type: 'string', help: 'schema registry URL (required)' },
  'registry-user-info': { type: 'string', help: 'registry basic auth, user:password' },
  user: { type: 'string', help: 'SASL SCRAM user: the facility principal that may write the chosen topic(s)' },
  password: { type: 'string', help: 'SASL SCRAM password' },
  'sasl-mechanism': { type: 'string', default: 'scram-sha-512', help: 'scram-sha-512 (default) or scram-sha-256' },
  ssl: { type: 'boolean', default: false, help: 'connect to Kafka over TLS (SASL_SSL with --user)' },
  events: { type: 'string', default: 'booking,access,billing',
    help: 'which events to publish, comma-separated (default booking,access,billing)' },
  'booking-schema-file': { type: 'string', help: 'BookingEvent .avsc to register under facility.bookings-value'
    + ' (default: the latest version registered)' },
  'access-schema-file': { type: 'string', help: 'AccessEvent .avsc to register under facility.access-value' },
  'billing-schema-file': { type: 'string', help: 'BillingEvent .avsc to register under facility.billing-value' },
  member: { type: 'string', help: 'the member the events are about (required)' },
  location: { type: 'string', help: 'the location id, header.location_id (required)' },
  source: { type: 'string', default: 'node-facility-example', help: 'header.source' },
  'occurred-at': { type: 'string', help: 'header.occurred_at of every event, ISO-8601 (default: now)' },
  'entity-version': { type: 'string', default: '1', help: 'header.entity_version of every event (default 1)' },
  'correlation-id': { type: 'string', help: 'header.correlation_id of every event (default: each event\'s id)' },
  'booking-event-id': { type: 'string', help: 'the booking event\'s header.event_id (default: a new UUID)' },
  'booking-id': { type: 'string', help: 'booking id, the record key (default: B-<random>)' },
  'resource-id': { type: 'string', default: 'R-1', help: 'booked space id (default R-1)' },
  'resource-name': { type: 'string', default: 'Meeting room', help: 'booked space name shown to the member' },
  'resource-kind': { type: 'string', default: 'MEETING_ROOM', help: 'DESK, OFFICE, MEETING_ROOM or OTHER' },
  floor: { type: 'string', help: 'floor or area of the space' },
  'starts-at': { type: 'string', help: 'booking start, ISO-8601 (default: tomorrow 09:00 UTC)' },
  'ends-at': { type: 'string', help: 'booking end, ISO-8601 (default: one hour after the start)' },
  guest: { type: 'string', multiple: true, help: 'a guest, "Name" or "Name <email>" (repeatable)' },
  notes: { type: 'string', help: 'the member\'s note on the booking' },
  'access-event-id': { type: 'string', help: 'the access event\'s header.event_id (default: a new UUID)' },
  'keycard-id': { type: 'string', help: 'keycard id, its printed number (default: K-<random>)' },
  'valid-from': { type: 'string', help: 'when the card starts opening doors, ISO-8601 (default: now)' },
  'valid-until': { type: 'string', help: 'when the card stops working, ISO-8601 (default: never)' },
  zone: { type: 'string', multiple: true, help: 'a zone the card opens (repeatable)' },
  'billing-event-id': { type: 'string', help: 'the billing event\'s header.event_id (default: a new UUID)' },
  'subscription-id': { type: 'string', help: 'subscription id, the record key (default: SUB-<member>)' },
  'payment-id': { type: 'string', help: 'the processor\'s payment id (default: PAY-<random>)' },
  amount: { type: 'string', default: '250.00', help: 'amount paid in the currency\'s major unit (default 250.00)' },
  currency: { type: 'string', default: 'GBP', help: 'ISO 4217 currency code (default GBP)' },
  'paid-at': { type: 'string', help: 'when the charge succeeded, ISO-8601 (default: now)' },
  'period-start': { type: 'string', help: 'first day paid for, YYYY-MM-DD (default: today, UTC)' },
  'period-end': { type: 'string', help: 'last day paid for, YYYY-MM-DD (default: a month after the start, less a day)' },
  method: { type: 'string', help: 'payment method shown to the member, e.g. "Visa ending 4242"' },
  help: { type: 'boolean', short: 'h', default: false, help: 'print this help' },
};

/** An error the user can act on: printed as is, without a stack trace. */
class UsageError extends Error {}

function usage() {
  const lines = Object.entries(OPTIONS).map(([name, option]) => {
    const flag = `--${name}${option.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(30)} ${option.help}`;
  });
  return 'Usage: node publish-events.js --bootstrap-servers <host:port> --registry <url> --member <id> --location <id>'
    + ' [options]\n\nPublishes BookingCreated, KeycardProvisioned and PaymentSucceeded to Deskpost.\n\n'
    + lines.join('\n') + '\n';
}

function parseOptions(argv) {
  // parseArgs refuses keys it does not know (help) and keys set to undefined.
  const config = Object.fromEntries(Object.entries(OPTIONS).map(([name, { help, ...option }]) => [name,
    Object.fromEntries(Object.entries(option).filter(([, value]) => value !== undefined))]));
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error.message} (--help lists the options)`);
  }
  if (values.help) {
    return values;
  }
  for (const required of ['bootstrap-servers', 'registry', 'member', 'location']) {
    if (!values[required]) {
      throw new UsageError(`--${required} is required (--help lists the options)`);
    }
  }
  if (values.user && values.password === undefined) {
    throw new UsageError('--user needs --password');
  }
  values.kinds = values.events.split(',').map((kind) => kind.trim()).filter(Boolean);
  const unknown = values.kinds.filter((kind) => !KINDS[kind]);
  if (unknown.length || !values.kinds.length) {
    throw new UsageError(`--events takes booking, access and/or billing, not "${values.events}"`);
  }
  return values;
}

// --- Values as the schemas want them -------------------------------------------------------------------------
// Without avsc's logical types (the registry client registers none) a timestamp-millis field is its underlying
// long, milliseconds since the epoch, and a date field its underlying int, days since 1970-01-01.

function instant(text, name, fallback) {
  if (text === undefined) {
    return fallback;
  }
  // An instant must say its offset: a local time would mean a different moment on every producer's machine.
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text) || Number.isNaN(Date.parse(text))) {
    throw new UsageError(`--${name} must be an ISO-8601 instant with an offset, e.g. 2026-12-07T09:00:00Z, not "${text}"`);
  }
  return Date.parse(text);
}

function epochDay(text, name, fallback) {
  if (text === undefined) {
    return fallback;
  }
  if (!/^\d{4}-\d\d-\d\d$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    throw new UsageError(`--${name} must be a date, YYYY-MM-DD, not "${text}"`);
  }
  return Date.parse(`${text}T00:00:00Z`) / DAY_MS;
}

/** "250.00" GBP → 25000: minor units by the currency's own exponent (JPY has none), in integers, never floats. */
function minorUnits(amount, currency) {
  let digits;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch (error) {
    throw new UsageError(`--currency must be an ISO 4217 code, not "${currency}"`);
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match || (match[3] || '').length > digits) {
    throw new UsageError(`--amount must be a number with at most ${digits} decimals for ${currency}, not "${amount}"`);
  }
  const minor = BigInt(match[2] + (match[3] || '').padEnd(digits, '0'));
  return Number(match[1] === '-' ? -minor : minor);
}

function guest(text) {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  return match ? { name: match[1] || match[2], email: match[2] } : { name: text.trim(), email: null };
}

function randomId(prefix) {
  return `${prefix}-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
}

function header(options, eventId, now) {
  const version = Number(options['entity-version']);
  if (!Number.isSafeInteger(version)) {
    throw new UsageError(`--entity-version must be an integer, not "${options['entity-version']}"`);
  }
  return {
    event_id: eventId,
    occurred_at: instant(options['occurred-at'], 'occurred-at', now),
    source: options.source,
    entity_version: version,
    location_id: options.location,
    correlation_id: options['correlation-id'] || eventId,
  };
}

/** The three events, each with its record key, as plain objects; the payload is wrapped later, per schema. */
function events(options) {
  const now = Date.now();
  const built = {};
  const tomorrowNine = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(),
    new Date(now).getUTCDate() + 1, 9);
  const startsAt = instant(options['starts-at'], 'starts-at', tomorrowNine);
  const bookingId = options['booking-id'] || randomId('B');
  const bookingEventId = options['booking-event-id'] || crypto.randomUUID();
  built.booking = {
    key: bookingId,
    value: {
      header: header(options, bookingEventId, now),
      booking_id: bookingId,
      member_id: options.member,
      payload: {
        event_type: KINDS.booking.eventType,
        resource: {
          resource_id: options['resource-id'],
          name: options['resource-name'],
          kind: options['resource-kind'],
          floor: options.floor ?? null,
        },
        starts_at: startsAt,
        ends_at: instant(options['ends-at'], 'ends-at', startsAt + 60 * 60 * 1000),
        guests: (options.guest || []).map(guest),
        notes: options.notes ?? null,
      },
    },
  };
  const accessEventId = options['access-event-id'] || crypto.randomUUID();
  built.access = {
    key: options.member,
    value: {
      header: header(options, accessEventId, now),
      member_id: options.member,
      payload: {
        event_type: KINDS.access.eventType,
        keycard_id: options['keycard-id'] || randomId('K'),
        valid_from: instant(options['valid-from'], 'valid-from', now),
        valid_until: instant(options['valid-until'], 'valid-until', null),
        zones: options.zone || [],
      },
    },
  };
  const subscriptionId = options['subscription-id'] || `SUB-${options.member}`;
  const billingEventId = options['billing-event-id'] || crypto.randomUUID();
  const today = Math.floor(now / DAY_MS);
  const periodStart = epochDay(options['period-start'], 'period-start', today);
  const start = new Date(periodStart * DAY_MS);
  const monthLater = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()) / DAY_MS - 1;
  built.billing = {
    key: subscriptionId,
    value: {
      header: header(options, billingEventId, now),
      subscription_id: subscriptionId,
      member_id: options.member,
      payload: {
        event_type: KINDS.billing.eventType,
        payment_id: options['payment-id'] || randomId('PAY'),
        amount: { amount_minor: minorUnits(options.amount, options.currency), currency: options.currency },
        paid_at: instant(options['paid-at'], 'paid-at', now),
        period_start: periodStart,
        period_end: epochDay(options['period-end'], 'period-end', monthLater),
        method: options.method ?? null,
      },
    },
  };
  return built;
}

// --- The registry ---------------------------------------------------------------------------------------------

function registryClient(options) {
  const args = { host: options.registry, retry: { retries: 2 } };
  if (options['registry-user-info']) {
    const [username, ...rest] = options['registry-user-info'].split(':');
    args.auth = { username, password: rest.join(':') };
  }
  // wrapUnions 'auto' (avsc's default, stated so it cannot change under us): a union of several records, the
  // payload, is given wrapped by the branch's full name, {"com.deskpost.events.BookingCreated": {...}}; a
  // union of null and one type (event_type, floor, notes...) is given as the plain value or null.
  return new SchemaRegistry(args, { [SchemaType.AVRO]: { wrapUnions: 'auto' } });
}

/** The schema id for <topic>-value: the given .avsc registered (its id if already there), else the latest one. */
async function schemaId(registry, kind, schemaFile) {
  const subject = `${KINDS[kind].topic}-value`;
  if (schemaFile) {
    let text;
    try {
      text = fs.readFileSync(schemaFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the schema file ${schemaFile}: ${error.message}`);
    }
    // FULL_TRANSITIVE is Deskpost's rule (the library checks it against a subject-level setting, if any);
    // updateConfig false: a producer never changes the registry's compatibility settings.
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: text },
      { subject, compatibility: COMPATIBILITY.FULL_TRANSITIVE, updateConfig: false });
    return id;
  }
  try {
    return await registry.getLatestSchemaId(subject);
  } catch (error) {
    if (error && error.status === 404) {
      throw new UsageError(`the registry has no schema under ${subject}: pass the released one to register,`
        + ` --${kind}-schema-file schemas/released/v4/${KINDS[kind].envelope}.avsc`);
    }
    throw error;
  }
}

/**
 * The value with its payload wrapped by the union branch of this schema (avsc names branches by full name, so the
 * record is found by its simple name). A schema from before contract v4 has no event_type: the event is still
 * published (Deskpost reads older versions as before), with a warning to move to v4.
 */
async function forSchema(registry, id, kind, value) {
  const type = await registry.getSchema(id);
  const union = type.getField('payload').type;
  const branch = union.types.find((t) => t.name && t.name.split('.').pop() === KINDS[kind].record);
  if (!branch) {
    throw new UsageError(`schema id ${id} of ${KINDS[kind].topic}-value has no ${KINDS[kind].record} payload`);
  }
  if (!branch.getField('event_type')) {
    process.stderr.write(`warning: schema id ${id} of ${KINDS[kind].topic}-value predates contract v4 (no`
      + ' event_type): register schemas/released/v4 so every consumer knows the event type\n');
  }
  const payload = union.typeName === 'union:wrapped' ? { [branch.branchName]: value.payload } : value.payload;
  return { ...value, payload };
}

/** Runs a registry call; a failure says which registry and what for, not only the HTTP client's words. */
async function atRegistry(options, what, call) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }
    throw new UsageError(`schema registry ${options.registry}, ${what}: ${error.message}`);
  }
}

// --- Kafka ----------------------------------------------------------------------------------------------------

function kafkaClient(options) {
  const config = {
    clientId: 'deskpost-node-example',
    brokers: options['bootstrap-servers'].split(',').map((b) => b.trim()),
    ssl: options.ssl,
    connectionTimeout: 10000,
    // A few tries, then a clear failure: this is a command, not a long-running service.
    retry: { retries: 3 },
    // kafkajs logs to stdout by default; stdout is the result (where each event went), so warnings go to stderr.
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, log }) => {
      process.stderr.write(`kafkajs ${namespace}: ${log.message}${log.error ? ` (${log.error})` : ''}\n`);
    },
  };
  if (options.user) {
    config.sasl = { mechanism: options['sasl-mechanism'], username: options.user, password: options.password };
  }
  return new Kafka(config);
}

async function publish(producer, topic, key, value) {
  let meta;
  try {
    [meta] = await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  } catch (error) {
    const cause = error.cause ? ` (${error.cause.message})` : '';
    throw new UsageError(`${topic}: the event was not published: ${error.message}${cause}`);
  }
  if (meta.errorCode) {
    throw new Error(`${topic}: the broker refused the event (error code ${meta.errorCode})`);
  }
  return meta;
}

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) {
    process.stdout.write(usage());
    return;
  }
  const built = events(options);
  const registry = registryClient(options);
  const encoded = [];
  for (const kind of options.kinds) {
    const { topic, record } = KINDS[kind];
    const subject = `${topic}-value`;
    const id = await atRegistry(options, `schema for ${subject}`,
      () => schemaId(registry, kind, options[`${kind}-schema-file`]));
    const value = await atRegistry(options, `schema id ${id}`, () => forSchema(registry, id, kind, built[kind].value));
    let bytes;
    try {
      bytes = await registry.encode(id, value);
    } catch (error) {
      const paths = (error.paths || []).map((p) => p.join('.')).join(', ');
      throw new UsageError(`${record} does not fit schema id ${id} of ${subject}${paths ? ` at ${paths}` : ''}:`
        + ` ${error.message.split('\n')[0].slice(0, 300)}`);
    }
    encoded.push({ kind, topic, record, id, key: built[kind].key, value: bytes });
  }

  const producer = kafkaClient(options).producer({
    // The Java client's partitioner (murmur2 of the key): a booking's events land on the partition Java
    // producers would pick, so they stay in order whoever publishes them.
    createPartitioner: Partitioners.DefaultPartitioner,
    // Not idempotent: kafkajs's idempotent producer retries for ever, and a command must fail in time. A retry
    // that writes an event twice is harmless: Deskpost derives draft ids from the event id and sends once.
    retry: { retries: 5 },
  });
  try {
    await producer.connect();
  } catch (error) {
    throw new UsageError(`Kafka at ${options['bootstrap-servers']}: cannot connect: ${error.message}`);
  }
  try {
    for (const event of encoded) {
      const meta = await publish(producer, event.topic, event.key, event.value);
      const eventId = built[event.kind].value.header.event_id;
      process.stdout.write(`published ${event.record} ${eventId} for member ${options.member} to ${event.topic}`
        + ` partition ${meta.partition} offset ${meta.baseOffset}, key ${event.key}, schema id ${event.id}\n`);
    }
  } finally {
    await producer.disconnect();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    const message = error instanceof UsageError ? error.message : `${error.name || 'Error'}: ${error.message}`;
    process.stderr.write(`publish-events.js: ${message.trimEnd()}\n`);
    process.exit(1);
  });
}

module.exports = { KINDS, parseOptions, events, minorUnits };
