package com.deskpost.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka client properties the Avro serde reads. The first two carry Confluent's names, so a
 * configuration written for Confluent's serializer works unchanged.
 */
public final class AvroSerdeConfig {

    /** Base URL of the schema registry, e.g. {@code http://localhost:8081}. Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code user:password} for the registry's HTTP basic auth (Confluent's name); absent or blank: no login. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Whether the serializer registers schemas it writes (default true) or only looks them up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Fully-qualified SpecificRecord class a value deserializer decodes into. */
    public static final String VALUE_TYPE = "deskpost.avro.value.type";
    /** Fully-qualified SpecificRecord class a key deserializer decodes into. */
    public static final String KEY_TYPE = "deskpost.avro.key.type";

    private AvroSerdeConfig() {
    }

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url,
                    "the Avro serde needs the schema registry's base URL, e.g. http://localhost:8081");
        }
        try {
            Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
            return new SchemaRegistryClient(url.toString(), userInfo == null ? null : userInfo.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        if (value == null) {
            return true;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(AUTO_REGISTER_SCHEMAS, value, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    static Class<? extends SpecificRecord> recordType(Map<String, ?> configs, boolean isKey) {
        String name = isKey ? KEY_TYPE : VALUE_TYPE;
        Object value = configs.get(name);
        if (value instanceof Class<?> type) {
            return asRecordType(name, type);
        }
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name, value, "the Avro deserializer needs the SpecificRecord class to decode"
                    + " into, e.g. com.deskpost.events.BookingEvent");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return asRecordType(name, Class.forName(value.toString().trim(), true,
                    loader != null ? loader : AvroSerdeConfig.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new ConfigException(name, value, "no such class on the classpath");
        }
    }

    private static Class<? extends SpecificRecord> asRecordType(String name, Class<?> type) {
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name, type.getName(), "is not an Avro SpecificRecord (a class generated from the"
                    + " schemas)");
        }
        return type.asSubclass(SpecificRecord.class);
    }
}
