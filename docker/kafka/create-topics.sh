#!/bin/sh
# Creates every Deskpost topic (platform's Topics.ALL, DESIGN section 2) and its dead-letter topic with
# its partitions, cleanup policy and retention, and gives topics that already exist the same policy and
# retention. The services create missing topics at start-up too; this script makes production explicit.
# Runs in the apache/kafka image (docker-compose.yml, service kafka-topics). TopicScriptTest (dev-stack)
# runs it against stand-ins for the Kafka tools and checks it against Topics.ALL, so keep the list in step.
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}"
PARTITIONS="${DESKPOST_TOPIC_PARTITIONS:-3}"
REPLICATION="${DESKPOST_TOPIC_REPLICATION_FACTOR:-1}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

DAY_MS=86400000
# Facility events: a composer fixed after a bug can replay a month (drafts are deterministic, the ledger
# sends nothing twice).
FACILITY_RETENTION_MS="${DESKPOST_FACILITY_RETENTION_MS:-$((30 * DAY_MS))}"
# Access events: 3 days (platform's Topic.SHORT_RETENTION), long enough for the access composer to catch up
# after a weekend outage, short enough that a credential a facility system sent in clear (one that does not
# seal, docs/sealed-credentials.md) does not linger; the composer seals it the moment it reads it.
ACCESS_RETENTION_MS=$((3 * DAY_MS))
# Drafts, approvals, decisions, outbound mail: consumed within seconds, held drafts wait in PostgreSQL.
PIPELINE_RETENTION_MS="${DESKPOST_PIPELINE_RETENTION_MS:-$((7 * DAY_MS))}"
# Received mail (the MCP server's received-mail table reaches back this far) and the audit stream
# (its record is the hash-chained PostgreSQL table).
RECORD_RETENTION_MS="${DESKPOST_RECORD_RETENTION_MS:-$((30 * DAY_MS))}"
# Dead letters wait for a person to fix the cause and redrive them.
DLQ_RETENTION_MS="${DESKPOST_DLQ_RETENTION_MS:-$((30 * DAY_MS))}"
# Consent changes are kept for ever: community-events folds the whole topic into its consent table when it
# rebuilds it, and a change aged out would forget an unsubscribe. Not compacted: the fold needs every change.
FOREVER=-1

# The broker's super user when the broker requires a login (docker-compose.yml); none on a PLAINTEXT one.
. "$(dirname "$0")/admin-client.sh"

# shellcheck disable=SC2086 # ADMIN_CONFIG is two words or none
existing="$("$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --list </dev/null)"

# topic NAME CLEANUP_POLICY RETENTION_MS
topic() {
    if printf '%s\n' "$existing" | grep -qxF "$1"; then
        # Partitions are left as they are: adding some would move keys to other partitions and break per-key order.
        "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --alter --entity-type topics \
            --entity-name "$1" --add-config "cleanup.policy=$2,retention.ms=$3" </dev/null
        echo "kept $1 ($2, retention.ms=$3)"
    else
        "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --create --topic "$1" \
            --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
            --config "cleanup.policy=$2" --config "retention.ms=$3" </dev/null
        echo "created $1 ($2, retention.ms=$3, $PARTITIONS partitions)"
    fi
}

# name                      cleanup  retention
while read -r name cleanup retention; do
    topic "$name" "$cleanup" "$retention"
    topic "$name.dlq" delete "$DLQ_RETENTION_MS"
done <<TOPICS
facility.bookings           delete   $FACILITY_RETENTION_MS
facility.access             delete   $ACCESS_RETENTION_MS
facility.billing            delete   $FACILITY_RETENTION_MS
facility.community          delete   $FACILITY_RETENTION_MS
facility.members            compact  $FOREVER
facility.locations          compact  $FOREVER
mail.drafts                 delete   $PIPELINE_RETENTION_MS
mail.drafts.priority        delete   $PIPELINE_RETENTION_MS
mail.drafts.bulk            delete   $PIPELINE_RETENTION_MS
mail.entity-versions        compact  $FOREVER
mail.approvals              delete   $PIPELINE_RETENTION_MS
mail.decisions              delete   $PIPELINE_RETENTION_MS
mail.outbound               delete   $PIPELINE_RETENTION_MS
mail.outbound.priority      delete   $PIPELINE_RETENTION_MS
mail.outbound.bulk          delete   $PIPELINE_RETENTION_MS
mail.consent                delete   $FOREVER
mail.inbound                delete   $RECORD_RETENTION_MS
mail.feedback               delete   $RECORD_RETENTION_MS
mail.audit                  delete   $RECORD_RETENTION_MS
TOPICS

echo "Deskpost topics ready on $BOOTSTRAP"
