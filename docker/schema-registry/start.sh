#!/bin/bash
# Starts compose's Confluent schema registry with HTTP basic auth (README, "Kafka principals and ACLs"):
# one user, DESKPOST_SCHEMA_REGISTRY_USER / _PASSWORD, written to a password file only this container
# reads, then the image's own start-up. Services send the same login (deskpost.kafka.schema-registry-user-info).
set -euo pipefail
: "${DESKPOST_SCHEMA_REGISTRY_USER:?set DESKPOST_SCHEMA_REGISTRY_USER}"
: "${DESKPOST_SCHEMA_REGISTRY_PASSWORD:?set DESKPOST_SCHEMA_REGISTRY_PASSWORD}"

dir="$(mktemp -d)"
printf '%s: %s,user\n' "$DESKPOST_SCHEMA_REGISTRY_USER" "$DESKPOST_SCHEMA_REGISTRY_PASSWORD" > "$dir/passwords"
chmod 600 "$dir/passwords"
# Jetty 12 (Confluent Platform 8) moved the login module into jetty-security; older images have jetty-jaas.
module=org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule
if ls /usr/share/java/*/jetty-jaas-*.jar >/dev/null 2>&1; then
    module=org.eclipse.jetty.jaas.spi.PropertyFileLoginModule
fi
cat > "$dir/jaas.conf" <<JAAS
SchemaRegistry {
  $module required
  file="$dir/passwords"
  debug="false";
};
JAAS
export SCHEMA_REGISTRY_OPTS="${SCHEMA_REGISTRY_OPTS:-} -Djava.security.auth.login.config=$dir/jaas.conf"
exec /etc/confluent/docker/run
