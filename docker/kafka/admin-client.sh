# Sourced by the Kafka scripts of docker-compose.yml (topics, principals, the broker's health check):
# writes the broker super user's client login to a private file and sets ADMIN_CONFIG to
# "--command-config <file>". The super user logs in with PLAIN, as the broker's own controller and
# inter-broker connections do (its password is in the broker's settings, not in the metadata log, so it
# works before any SCRAM user exists). Without DESKPOST_KAFKA_ADMIN_PASSWORD, ADMIN_CONFIG is empty: a
# PLAINTEXT broker, as in TopicScriptTest.
ADMIN_CONFIG=""
if [ -n "${DESKPOST_KAFKA_ADMIN_PASSWORD:-}" ]; then
    admin_config_file="$(mktemp)"
    trap 'rm -f "$admin_config_file"' EXIT
    chmod 600 "$admin_config_file"
    # Over TLS set KAFKA_ADMIN_SECURITY_PROTOCOL=SASL_SSL and mount the truststore (README, "Kafka principals and ACLs").
    cat > "$admin_config_file" <<ADMIN
security.protocol=${KAFKA_ADMIN_SECURITY_PROTOCOL:-SASL_PLAINTEXT}
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${DESKPOST_KAFKA_ADMIN_USER:-admin}" password="${DESKPOST_KAFKA_ADMIN_PASSWORD}";
ADMIN
    if [ -n "${KAFKA_ADMIN_SSL_TRUSTSTORE_LOCATION:-}" ]; then
        printf 'ssl.truststore.location=%s\nssl.truststore.password=%s\n' "$KAFKA_ADMIN_SSL_TRUSTSTORE_LOCATION" \
            "${KAFKA_ADMIN_SSL_TRUSTSTORE_PASSWORD:-}" >> "$admin_config_file"
    fi
    ADMIN_CONFIG="--command-config $admin_config_file"
fi
