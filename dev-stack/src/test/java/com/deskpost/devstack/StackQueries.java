package com.deskpost.devstack;

import com.deskpost.platform.directory.DirectoryTables;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** What end-to-end tests read back from a running stack: the audit trail and the mail received. */
final class StackQueries {

    private StackQueries() {
    }

    /** The audit types of a draft, in the order the audit store appended them. */
    static List<String> auditTypes(LocalStack stack, String draftId) throws SQLException {
        return auditColumn(stack, "type", draftId, null);
    }

    /** One column of a draft's audit rows, optionally of one type only, in order. */
    static List<String> auditColumn(LocalStack stack, String column, String draftId, String type) throws SQLException {
        var db = stack.auditDatabase();
        String sql = "select " + column + " from audit_log where draft_id = ?" + (type == null ? "" : " and type = ?")
                + " order by seq";
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, draftId);
            if (type != null) {
                query.setString(2, type);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Whether the booking composer's global members table holds the member: a booking for them then finds them. */
    static boolean composerDirectoryHas(LocalStack stack, String memberId) {
        return composerDirectoryHas(stack, "booking-events", memberId);
    }

    /** Whether a composer's (e.g. access-events') global members table holds the member. */
    static boolean composerDirectoryHas(LocalStack stack, String composer, String memberId) {
        KafkaStreams streams = stack.service(composer).getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
        ReadOnlyKeyValueStore<String, Object> members = streams.store(
                StoreQueryParameters.fromNameAndType(DirectoryTables.MEMBERS_STORE, QueryableStoreTypes.keyValueStore()));
        return members.get(memberId) != null;
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first body part of a MIME type ("text/plain", "text/html"), searched through nested multiparts. */
    static String part(MimeMessage message, String type) throws Exception {
        return find(message.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
                String nested = part.isMimeType("multipart/*") ? find(part.getContent(), type) : null;
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
