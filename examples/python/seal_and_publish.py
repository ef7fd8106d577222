#!/usr/bin/env python3
"""A facility system outside the JVM seals a door code and publishes it to Deskpost.

It seals the new code with Deskpost's credential public key (HPKE, RFC 9180: DHKEM(X25519, HKDF-SHA256),
HKDF-SHA256, AES-256-GCM, base mode, empty AAD, the info binding the code to its location and member),
then publishes a DoorCodeChanged AccessEvent to facility.access in Confluent wire format (magic byte 0,
4-byte big-endian schema id, Avro binary). Only Deskpost's delivery service, which holds the private key,
can open the code, and only in the mail to the member it belongs to. See docs/sealed-credentials.md and
the README beside this file.

Debian packages only: apt-get install python3-confluent-kafka python3-avro python3-cryptography
"""

import argparse
import base64
import json
import struct
import sys
import urllib.request
import uuid

import deskpost_wire as wire
from deskpost_wire import INSTALL_HINT

try:
    from cryptography.hazmat.primitives import hashes, hmac
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
except ImportError as missing:
    sys.exit(f"seal_and_publish.py needs python3-cryptography ({missing}): {INSTALL_HINT}")

SUBJECT = "facility.access-value"
TOPIC = "facility.access"
PAYLOAD_TYPE = "DoorCodeChanged"
SEALED_PREFIX = "sealed:v1:"
# com.deskpost.platform.credential.CredentialContext.info: this label, NUL, location id, NUL, member id.
CONTEXT_LABEL = b"deskpost-credential-v1"


# --- HPKE base-mode single-shot seal, RFC 9180 -------------------------------------------------------
# Hand-written because Tink for Python is not packaged in Debian; python3-cryptography gives the primitives.

KEM_ID, KDF_ID, AEAD_ID = 0x0020, 0x0001, 0x0002  # DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM
NH, NK, NN, NSECRET = 32, 32, 12, 32
KEM_SUITE_ID = b"KEM" + struct.pack(">H", KEM_ID)
HPKE_SUITE_ID = b"HPKE" + struct.pack(">HHH", KEM_ID, KDF_ID, AEAD_ID)
MODE_BASE = 0x00


def _extract(salt, ikm):
    # HKDF-Extract (RFC 5869): an empty salt is HashLen zero bytes, which HMAC treats as the empty key.
    mac = hmac.HMAC(salt or bytes(NH), hashes.SHA256())
    mac.update(ikm)
    return mac.finalize()


def _expand(prk, info, length):
    return HKDFExpand(hashes.SHA256(), length, info).derive(prk)


def _labeled_extract(suite_id, salt, label, ikm):  # RFC 9180 §4
    return _extract(salt, b"HPKE-v1" + suite_id + label + ikm)


def _labeled_expand(suite_id, prk, label, info, length):  # RFC 9180 §4
    return _expand(prk, struct.pack(">H", length) + b"HPKE-v1" + suite_id + label + info, length)


def _encap(recipient_public):  # RFC 9180 §4.1, DHKEM Encap with a fresh ephemeral key
    ephemeral = X25519PrivateKey.generate()
    dh = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    enc = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    eae_prk = _labeled_extract(KEM_SUITE_ID, b"", b"eae_prk", dh)
    shared_secret = _labeled_expand(KEM_SUITE_ID, eae_prk, b"shared_secret", enc + recipient_public, NSECRET)
    return shared_secret, enc


def _key_schedule_base(shared_secret, info):  # RFC 9180 §5.1, mode_base: psk and psk_id empty
    psk_id_hash = _labeled_extract(HPKE_SUITE_ID, b"", b"psk_id_hash", b"")
    info_hash = _labeled_extract(HPKE_SUITE_ID, b"", b"info_hash", info)
    context = bytes([MODE_BASE]) + psk_id_hash + info_hash
    secret = _labeled_extract(HPKE_SUITE_ID, shared_secret, b"secret", b"")
    key = _labeled_expand(HPKE_SUITE_ID, secret, b"key", context, NK)
    base_nonce = _labeled_expand(HPKE_SUITE_ID, secret, b"base_nonce", context, NN)
    return key, base_nonce


def hpke_seal(recipient_public, info, plaintext, aad=b""):
    """Single-shot SealBase (RFC 9180 §6.1): enc || ciphertext, the first message using the base nonce (§5.2)."""
    shared_secret, enc = _encap(recipient_public)
    key, base_nonce = _key_schedule_base(shared_secret, info)
    return enc + AESGCM(key).encrypt(base_nonce, plaintext, aad)


# --- Deskpost's credential format ----------------------------------------------------------------------

def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse_public_key(text):
    """Deskpost's key text: <key id>:<base64url of the raw 32-byte X25519 public key>."""
    key_id, sep, raw = text.strip().rpartition(":")
    if not sep or not key_id:
        raise ValueError("a credential public key is written <key id>:<base64url key>")
    key = _unb64url(raw)
    if len(key) != 32:
        raise ValueError(f"an X25519 public key is 32 bytes, key {key_id} has {len(key)}")
    return key_id, key


def credential_info(location_id, member_id):
    return CONTEXT_LABEL + b"\x00" + location_id.encode("utf-8") + b"\x00" + member_id.encode("utf-8")


def seal(code, public_key_text, location_id, member_id):
    """The code as SealedCredential expects it: sealed:v1:<key id>:<base64url(enc || ciphertext)>."""
    key_id, key = parse_public_key(public_key_text)
    payload = hpke_seal(key, credential_info(location_id, member_id), code.encode("utf-8"))
    return f"{SEALED_PREFIX}{key_id}:{_b64url(payload)}"


def fetch_public_key(url, api_key):
    """The current key from ingest's GET /api/v1/credential-keys: {"keys": [{"key_id", "public_key", "current"}]}."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        keys = json.load(response)["keys"]
    current = next((key for key in keys if key.get("current")), None)
    if current is None:
        sys.exit(f"{url} lists no current credential key")
    return f"{current['key_id']}:{current['public_key']}"


# --- The event ------------------------------------------------------------------------------------------

def door_code_event(args, sealed_code):
    event_id = args.event_id or str(uuid.uuid4())
    return {
        "header": wire.header(event_id, args.location, args.source, args.entity_version, args.occurred_at,
                              args.correlation_id),
        "member_id": args.member,
        "payload": {
            "door_id": args.door,
            "door_name": args.door_name or args.door,
            "new_code": sealed_code,
            "effective_from": wire.utc(args.effective_from),
        },
    }


def encode_door_code(schema, event):
    """Avro binary of the DoorCodeChanged AccessEvent. The payload names its type (event_type
    DOOR_CODE_CHANGED) when the schema has the field (v4 on), and the union branch is named too rather than
    left to avro, so the script also writes the right record with v2/v3, where several access records share
    door_id and door_name."""
    event = dict(event, payload=wire.name_event_type(schema, PAYLOAD_TYPE, event["payload"]))
    return wire.encode_naming_branch(schema, event, PAYLOAD_TYPE)


def arguments(argv):
    parser = argparse.ArgumentParser(description="Seal a door code with Deskpost's public key and publish a"
                                     " DoorCodeChanged AccessEvent to facility.access.")
    key = parser.add_mutually_exclusive_group(required=True)
    key.add_argument("--public-key", help="Deskpost's current credential public key, <key id>:<base64url>")
    key.add_argument("--public-key-url", help="ingest-service's key list, e.g."
                     " http://localhost:8090/api/v1/credential-keys (the key marked current is used)")
    parser.add_argument("--ingest-key", help="with --public-key-url: ingest's API key (Authorization: Bearer)")
    wire.add_connection_arguments(parser)
    parser.add_argument("--schema-file", help="AccessEvent .avsc to register under facility.access-value"
                        " (default: use the latest version already registered)")
    parser.add_argument("--member", required=True, help="the member the code belongs to (record key, member_id)")
    parser.add_argument("--location", required=True, help="the location id (header.location_id)")
    parser.add_argument("--door", required=True, help="door id")
    parser.add_argument("--door-name", help="door name shown to the member (default: the door id)")
    parser.add_argument("--code", required=True, help="the new door code, sealed before it leaves this process")
    parser.add_argument("--effective-from", help="ISO-8601 instant the code starts working (default: now)")
    parser.add_argument("--event-id", help="header.event_id (default: a new UUID)")
    parser.add_argument("--correlation-id", help="header.correlation_id (default: the event id)")
    parser.add_argument("--occurred-at", help="header.occurred_at, ISO-8601 (default: now)")
    parser.add_argument("--source", default="python-facility-example", help="header.source")
    parser.add_argument("--entity-version", type=int, default=1, help="header.entity_version: the credential's"
                        " version, monotonic per member and door")
    parser.add_argument("--seal-only", action="store_true", help="print the sealed code and publish nothing")
    args = parser.parse_args(argv)
    if not args.seal_only:
        wire.check_connection_arguments(parser, args)
    if args.public_key_url and not args.ingest_key:
        parser.error("--public-key-url needs --ingest-key, the facility system's ingest API key")
    return args


def main(argv):
    args = arguments(argv)
    public_key = args.public_key or fetch_public_key(args.public_key_url, args.ingest_key)
    sealed = seal(args.code, public_key, args.location, args.member)
    if args.seal_only:
        print(sealed)
        return 0
    wire.require_packages("seal_and_publish.py")
    schema_id, schema_text = wire.registry_schema(wire.registry_client(args), SUBJECT, args.schema_file)
    event = door_code_event(args, sealed)
    value = wire.wire_format(schema_id, encode_door_code(wire.parse_schema(schema_text), event))
    partition, offset = wire.Publisher(args).send(TOPIC, args.member, value)
    # The code itself is never printed: only where the event went, and under which key it is sealed.
    print(f"published DoorCodeChanged {event['header']['event_id']} for member {args.member} to {TOPIC}"
          f" partition {partition} offset {offset}, schema id {schema_id}, code sealed under key"
          f" {parse_public_key(public_key)[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
