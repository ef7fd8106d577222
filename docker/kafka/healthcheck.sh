#!/bin/sh
# The broker's health check (docker-compose.yml): it answers an API-versions request of its super user.
set -eu
. "$(dirname "$0")/admin-client.sh"
# shellcheck disable=SC2086 # ADMIN_CONFIG is two words or none
/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}" $ADMIN_CONFIG >/dev/null
