#!/bin/sh
# Creates every Deskpost topic (platform's Topics.ALL, DESIGN section 2) and its dead-letter topic with
# its partitions, replicas, cleanup policy and retention, and gives topics that already exist the same policy,
# retention and min.insync.replicas. Partitions of an existing topic are never changed (docs/topics.md says
# how an operator grows one). The services create missing topics at start-up too; this script makes production
# explicit. Runs in the apache/kafka image (docker-compose.yml, service kafka-topics). TopicScriptTest
# (dev-stack) runs it against stand-ins for the Kafka tools and checks every topic's partitions and settings
# against platform's TopicRule, so keep the list in step.
set -eu

if [ -n "${DESKPOST_TOPIC_PARTITIONS:-}" ]; then
    echo "DESKPOST_TOPIC_PARTITIONS is no longer read: each topic's partitions are set below (platform's topic" \
        "rule, docs/topics.md). Remove it; DESKPOST_PARTITION_MULTIPLIER scales every topic created." >&2
    exit 1
fi

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}"
# Every topic's partitions (the last column below) times this: the services' deskpost.kafka.partition-multiplier.
MULTIPLIER="${DESKPOST_PARTITION_MULTIPLIER:-1}"
REPLICATION="${DESKPOST_TOPIC_REPLICATION_FACTOR:-1}"
# Replicas that must have a write (acks=all): one less than the replicas by default, at least 1. Set on the
# topics when more than one (one is the broker's default); the services' deskpost.kafka.min-insync-replicas.
DEFAULT_MIN_INSYNC=$((REPLICATION > 1 ? REPLICATION - 1 : 1))
MIN_INSYNC="${DESKPOST_MIN_INSYNC_REPLICAS:-$DEFAULT_MIN_INSYNC}"
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

if [ "$MIN_INSYNC" -gt 1 ]; then
    MIN_INSYNC_CONFIG=",min.insync.replicas=$MIN_INSYNC"
else
    MIN_INSYNC_CONFIG=""
fi

# topic NAME CLEANUP_POLICY RETENTION_MS PARTITIONS
topic() {
    if printf '%s\n' "$existing" | grep -qxF "$1"; then
        # Partitions are left as they are: adding some would move keys to other partitions and break per-key order.
        "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --alter --entity-type topics \
            --entity-name "$1" --add-config "cleanup.policy=$2,retention.ms=$3$MIN_INSYNC_CONFIG" </dev/null
        echo "kept $1 ($2, retention.ms=$3$MIN_INSYNC_CONFIG; partitions unchanged)"
    else
        topic_name=$1 topic_cleanup=$2 topic_retention=$3 topic_partitions=$4
        set -- --config "cleanup.policy=$topic_cleanup" --config "retention.ms=$topic_retention"
        if [ -n "$MIN_INSYNC_CONFIG" ]; then
            set -- "$@" --config "min.insync.replicas=$MIN_INSYNC"
        fi
        "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --create --topic "$topic_name" \
            --partitions "$topic_partitions" --replication-factor "$REPLICATION" "$@" </dev/null
        echo "created $topic_name ($topic_cleanup, retention.ms=$topic_retention$MIN_INSYNC_CONFIG," \
            "$topic_partitions partitions)"
    fi
}

# Partitions per topic, as platform's topic rule gives them (Partitioning): mail lanes 12, audit 12, facility
# events 6, tables read whole 3, low-volume topics 3. A topic's dead letters have as many partitions.
# name                      cleanup  retention               partitions
while read -r name cleanup retention partitions; do
    partitions=$((partitions * MULTIPLIER))
    topic "$name" "$cleanup" "$retention" "$partitions"
    topic "$name.dlq" delete "$DLQ_RETENTION_MS" "$partitions"
done <<TOPICS
facility.bookings           delete   $FACILITY_RETENTION_MS  6
facility.access             delete   $ACCESS_RETENTION_MS    6
facility.billing            delete   $FACILITY_RETENTION_MS  6
facility.community          delete   $FACILITY_RETENTION_MS  6
facility.members            compact  $FOREVER                3
facility.locations          compact  $FOREVER                3
mail.drafts                 delete   $PIPELINE_RETENTION_MS  12
mail.drafts.priority        delete   $PIPELINE_RETENTION_MS  12
mail.drafts.bulk            delete   $PIPELINE_RETENTION_MS  12
mail.entity-versions        compact  $FOREVER                3
mail.approvals              delete   $PIPELINE_RETENTION_MS  3
mail.decisions              delete   $PIPELINE_RETENTION_MS  3
mail.outbound               delete   $PIPELINE_RETENTION_MS  12
mail.outbound.priority      delete   $PIPELINE_RETENTION_MS  12
mail.outbound.bulk          delete   $PIPELINE_RETENTION_MS  12
mail.consent                delete   $FOREVER                3
mail.inbound                delete   $RECORD_RETENTION_MS    3
mail.feedback               delete   $RECORD_RETENTION_MS    3
mail.templates              compact  $FOREVER                3
mail.audit                  delete   $RECORD_RETENTION_MS    12
TOPICS

echo "Deskpost topics ready on $BOOTSTRAP"
