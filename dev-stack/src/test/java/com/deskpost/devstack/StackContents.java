package com.deskpost.devstack;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import com.deskpost.testsupport.Postgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a run of the stack left readable, as places and their bytes, for a test that searches them
 * for a secret: every record of every topic (internal ones, changelogs, retry and dead-letter topics
 * included; key, value and each header), every row of every table of every database the stack's
 * PostgreSQL server holds (each column, bytea as its bytes, everything else as PostgreSQL prints it) and
 * every captured log line. A place names where it is (topic/partition/offset, database.table.column row,
 * logger) so a finding can be reported without printing what was found.
 */
final class StackContents {

    /** One readable place and what it holds. */
    record Place(String kind, String where, byte[] bytes) {

        boolean contains(byte[] needle) {
            return indexOf(bytes, needle) >= 0;
        }
    }

    private StackContents() {
    }

    /** Every record of every topic the broker has, internal topics included, read uncommitted from the start. */
    static List<Place> topics(Map<String, Object> clientProperties) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(clientProperties)) {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        }
        Map<String, Object> config = new HashMap<>(clientProperties);
        // Aborted and open transactions too: a secret in an aborted write is still on the broker's disk.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Place> places = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Could not read every topic to its end within 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String at = record.topic() + "/" + record.partition() + "@" + record.offset();
                    places.add(new Place("topic", at + " key", orEmpty(record.key())));
                    places.add(new Place("topic", at + " value", orEmpty(record.value())));
                    for (Header header : record.headers()) {
                        places.add(new Place("topic", at + " header " + header.key(), orEmpty(header.value())));
                    }
                }
            }
        }
        return places;
    }

    /** The number of records in {@link #topics} places (a record gives a key, a value and its headers). */
    static long records(List<Place> topicPlaces) {
        return topicPlaces.stream().filter(p -> p.where().endsWith(" value")).count();
    }

    /** Every column of every row of every table in every database of the server that holds {@code db}. */
    static List<Place> databases(Postgres.Database db) throws SQLException {
        List<Place> places = new ArrayList<>();
        for (String database : strings(db, db.jdbcUrl(),
                "select datname from pg_database where datallowconn and not datistemplate order by datname")) {
            String url = withDatabase(db.jdbcUrl(), database);
            for (String table : strings(db, url, """
                    select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                    order by 1""")) {
                places.addAll(rows(db, url, database, table));
            }
        }
        return places;
    }

    /** The number of rows in {@link #databases} places (one place per column of a row). */
    static long rows(List<Place> databasePlaces) {
        return databasePlaces.stream().map(p -> p.where().substring(0, p.where().lastIndexOf(" column "))).distinct()
                .count();
    }

    private static List<Place> rows(Postgres.Database db, String url, String database, String table)
            throws SQLException {
        List<Place> places = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
                ResultSet rows = connection.createStatement().executeQuery("select * from " + table)) {
            ResultSetMetaData columns = rows.getMetaData();
            int row = 0;
            while (rows.next()) {
                row++;
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    int type = columns.getColumnType(c);
                    boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
                    byte[] bytes = binary ? rows.getBytes(c) : utf8(rows.getString(c));
                    places.add(new Place("database", database + "." + table + " row " + row + " column "
                            + columns.getColumnName(c), orEmpty(bytes)));
                }
            }
        }
        return places;
    }

    /** Every captured log line: logger, message, MDC and each cause's class, message and stack. */
    static List<Place> logs(List<ILoggingEvent> events) {
        List<Place> places = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage()).append(' ')
                    .append(event.getMDCPropertyMap());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
                Arrays.stream(cause.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getSTEAsString)
                        .forEach(frame -> line.append('\n').append(frame));
            }
            places.add(new Place("log", "logger " + event.getLoggerName() + " (" + event.getLevel() + ", thread "
                    + event.getThreadName() + ")", utf8(line.toString())));
        }
        return places;
    }

    private static List<String> strings(Postgres.Database db, String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, db.username(), db.password());
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    /** jdbc:postgresql://host:port/db?params with another database. */
    private static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
