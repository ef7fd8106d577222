package com.deskpost.audit.query;

import com.deskpost.platform.pseudonym.Pseudonyms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the whole audit chain by streaming the table in seq order through a server-side
 * cursor, so memory stays flat however many rows there are; it stops at the first broken row.
 */
@Component
class AuditChain {

    // PostgreSQL's driver fetches in batches only inside a transaction and with a fetch size.
    private static final int FETCH_SIZE = 1000;
    private static final String ROWS = """
            select seq, audit_id, draft_id, type, occurred_at, actor, recipient, recipient_digest, location_id,
                   thread_key, correlation_id, message_id, detail, detail_digest, attributes, prev_hash, hash
              from audit_log order by seq""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Pseudonyms pseudonyms;

    AuditChain(DataSource dataSource, PlatformTransactionManager transactions, Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    ChainVerification verify() {
        return readOnly.execute(status -> {
            ChainVerifier verifier = new ChainVerifier(pseudonyms);
            try (Stream<StoredRow> rows = jdbc.queryForStream(ROWS, AuditChain::row)) {
                Iterator<StoredRow> each = rows.iterator();
                while (each.hasNext()) {
                    StoredRow row = each.next();
                    Optional<String> broken = verifier.check(row);
                    if (broken.isPresent()) {
                        return ChainVerification.broken(verifier.rows(), row, broken.get());
                    }
                }
            }
            return ChainVerification.intact(verifier.rows());
        });
    }

    private static StoredRow row(ResultSet rs, int n) throws SQLException {
        return new StoredRow(rs.getLong("seq"), rs.getString("audit_id"), rs.getString("draft_id"),
                rs.getString("type"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                rs.getString("actor"), rs.getString("recipient"), rs.getString("recipient_digest"),
                rs.getString("location_id"), rs.getString("thread_key"), rs.getString("correlation_id"),
                rs.getString("message_id"), rs.getString("detail"), rs.getString("detail_digest"),
                rs.getString("attributes"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
