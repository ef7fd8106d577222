package com.deskpost.platform.failure;

import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.schemas.serde.SchemaRegistryException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one classification of failures every consumer uses ({@link Failure}). It walks the cause chain:
 * evidence of our own infrastructure anywhere in it wins (a PostgreSQL connection failure wrapped in a
 * transaction exception is still PostgreSQL), then bad input, else an ordinary failure.
 * <ul>
 *   <li>PostgreSQL: Spring's transient and resource-failure data-access exceptions, a transaction that
 *   cannot be begun, and SQL states of class 08 (connection) and 57P0x (server shutting down);</li>
 *   <li>registry: a {@link SchemaRegistryException} without an answer, with 5xx, 408 or 429, or refusing
 *   our login (401/403: ours to fix, not the record's);</li>
 *   <li>broker: Kafka's retriable exceptions (timeouts, disconnects, not enough replicas, no leader);</li>
 *   <li>bad input: {@link RejectedEvent}, undecodable bytes ({@link SerializationException} or
 *   spring-kafka's deserialization exception), a schema id the registry answers 404 for.</li>
 * </ul>
 * Spring's data-access types are matched by name: services without a database do not have them.
 */
public final class Failures {

    private static final Set<String> POSTGRESQL_TYPES = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.transaction.CannotCreateTransactionException");

    private static final Set<String> BAD_INPUT_TYPES = Set.of(
            "org.springframework.kafka.support.serializer.DeserializationException");

    private Failures() {
    }

    public static Failure classify(Throwable failure) {
        boolean badInput = false;
        // A cause chain can loop (a cause set to an ancestor): each link is looked at once.
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            Failure infrastructure = infrastructure(t);
            if (infrastructure != null) {
                return infrastructure;
            }
            badInput |= isBadInput(t);
        }
        return badInput ? Failure.BAD_INPUT : Failure.OTHER;
    }

    private static Failure infrastructure(Throwable t) {
        if (t instanceof SchemaRegistryException registry) {
            int status = registry.httpStatus();
            return status == SchemaRegistryException.NO_RESPONSE || status >= 500 || status == 408 || status == 429
                    || status == 401 || status == 403 ? Failure.REGISTRY : null;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
            return Failure.POSTGRESQL;
        }
        if (isA(t, POSTGRESQL_TYPES)) {
            return Failure.POSTGRESQL;
        }
        if (t instanceof RetriableException) {
            return Failure.BROKER;
        }
        return null;
    }

    private static boolean isBadInput(Throwable t) {
        if (t instanceof SchemaRegistryException registry) {
            return registry.httpStatus() == 404;
        }
        return t instanceof RejectedEvent || t instanceof SerializationException || isA(t, BAD_INPUT_TYPES);
    }

    private static boolean isA(Throwable t, Set<String> typeNames) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (typeNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
