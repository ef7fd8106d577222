#!/bin/sh
# Creates a SCRAM-SHA-512 user for every principal of the ACL matrix and allows it exactly what the matrix
# allows (DESIGN section 4). The matrix is platform's src/main/resources/deskpost/kafka-acls.txt, the same
# file the tests' broker reads (AclMatrix); docker-compose.yml mounts it at $DESKPOST_ACL_MATRIX.
# Each principal's password comes from DESKPOST_KAFKA_PASSWORD_<PRINCIPAL> (upper case, '-' as '_'), e.g.
# DESKPOST_KAFKA_PASSWORD_BOOKING_EVENTS; a missing one fails the script before anything changes.
# Running it again sets every password anew (rotation: change the variable, run it, restart that client)
# and adds grants that are new; a grant removed from the matrix is removed by hand (README).
# PrincipalScriptTest (dev-stack) runs it against stand-ins for the Kafka tools and checks it against the matrix.
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
MATRIX="${DESKPOST_ACL_MATRIX:-/opt/deskpost/kafka-acls.txt}"
SCRAM_ITERATIONS="${DESKPOST_SCRAM_ITERATIONS:-8192}"

. "$(dirname "$0")/admin-client.sh"

# The matrix without comments and blank lines: principal operations resource pattern name.
grants() {
    grep -v '^[[:space:]]*#' "$MATRIX" | grep -v '^[[:space:]]*$'
}

password_variable() {
    printf 'DESKPOST_KAFKA_PASSWORD_%s' "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
}

principals="$(grants | awk '{ print $1 }' | sort -u)"

# Every password first: a half-created set of principals is worse than none.
missing=""
for principal in $principals; do
    variable="$(password_variable "$principal")"
    eval "value=\${$variable:-}"
    if [ -z "$value" ]; then
        missing="$missing $variable"
    fi
done
if [ -n "$missing" ]; then
    echo "No password for:$missing (docker/.env.example lists them; generate each with: openssl rand -hex 24)" >&2
    exit 1
fi

for principal in $principals; do
    variable="$(password_variable "$principal")"
    eval "password=\${$variable}"
    # shellcheck disable=SC2086 # ADMIN_CONFIG is two words or none
    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --alter \
        --entity-type users --entity-name "$principal" \
        --add-config "SCRAM-SHA-512=[iterations=$SCRAM_ITERATIONS,password=$password]" </dev/null >/dev/null
    echo "principal $principal: SCRAM-SHA-512 credentials set"
done

grants | while read -r principal operations resource pattern name; do
    case "$resource" in
        topic) target="--topic $name" ;;
        group) target="--group $name" ;;
        transactional-id) target="--transactional-id $name" ;;
        cluster) target="--cluster" ;;
        *) echo "Unknown resource type '$resource' for $principal in $MATRIX" >&2; exit 1 ;;
    esac
    operation_flags=""
    for operation in $(printf '%s' "$operations" | tr ',' ' '); do
        operation_flags="$operation_flags --operation $operation"
    done
    # shellcheck disable=SC2086 # the flags are words; names and operations hold no blanks
    "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" $ADMIN_CONFIG --add \
        --allow-principal "User:$principal" $operation_flags $target --resource-pattern-type "$pattern" \
        </dev/null >/dev/null
    echo "allowed User:$principal $operations on $resource $pattern $name"
done

echo "Deskpost principals and ACLs ready on $BOOTSTRAP"
