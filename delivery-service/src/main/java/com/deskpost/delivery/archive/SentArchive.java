package com.deskpost.delivery.archive;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import com.deskpost.platform.api.TimeRange;
import com.deskpost.platform.retention.RetentionRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The sent-mail archive (table sent_archive): the exact message the relay accepted, one row per ledger row, stored by
 * {@link #store} in the ledger row's transaction, so a sent mail has its archive exactly when it has its ledger row.
 * A crash after the 250 and before that commit leaves neither; the retry sends (and archives) the mail once more, with
 * bytes of its own (MIME boundaries and Date differ): the archive holds what the ledger and the audit say was sent.
 * Kept per category ({@link ArchiveProperties}); an erasure withholds the content and keeps the hash.
 */
@Repository
public class SentArchive {

    static final String COLUMNS = """
            sha256, draft_id, recipient, kind, category, message_id, location_id, subject, sent_at, size_bytes,
            content is not null as held, withheld""";
    /** A recipient's mail in a time range; {@link #sql} adds the cursor and the order. */
    static final String OF_RECIPIENT = "select " + COLUMNS
            + " from sent_archive where recipient = ? and sent_at >= ? and sent_at < ?";
    static final String BY_HASH = "select " + COLUMNS + ", content from sent_archive where sha256 = ?";
    static final String OF_PERSON = "select " + COLUMNS + ", content from sent_archive where recipient in (?, ?)"
            + " order by sent_at, sha256";
    /** The staff copies of the person's mail: the other rows of the drafts sent to them. */
    static final String ERASE_COPIES = """
            update sent_archive set subject = null, content = null, withheld = 'erased'
             where draft_id in (select draft_id from sent_archive where recipient = ?) and recipient <> ?
               and (content is not null or subject is not null)""";
    static final String ERASE_OWN = """
            update sent_archive set recipient = ?, subject = null, content = null, withheld = 'erased'
             where recipient = ?""";

    private final JdbcTemplate jdbc;
    private final ArchiveProperties.Retention retention;

    public SentArchive(JdbcTemplate jdbc, ArchiveProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.retention();
    }

    /**
     * Archives one accepted message; call it in the ledger row's transaction. The same bytes again (a retried commit)
     * change nothing.
     *
     * @param copy whether it is the staff copy (audited COPY_SENT) rather than the recipient's mail (SENT)
     */
    public void store(ArchivedMessage message, EmailDraft draft, boolean copy, String recipient, String messageId,
            Instant sentAt) {
        jdbc.update("""
                insert into sent_archive (sha256, draft_id, recipient, kind, category, message_id, location_id, subject,
                                          sent_at, size_bytes, content, withheld)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (sha256) do nothing""",
                message.sha256(), draft.getDraftId(), recipient, copy ? "COPY_SENT" : "SENT",
                draft.getCategory().name(), messageId, draft.getLocationId(), draft.getSubject(), Timestamp.from(sentAt),
                message.sizeBytes(), message.gzipped(), message.withheld());
    }

    /** A recipient's archived mail, newest first. */
    public Page<ArchiveEntry> find(String recipient, TimeRange range, String cursor, int limit) {
        List<Object> args = new ArrayList<>(List.of(recipient, range.fromBound(), range.toBound()));
        var after = Paging.after(cursor, 2);
        after.ifPresent(key -> args.addAll(List.of(Timestamp.from(key.instant(0)), key.text(1))));
        args.add(limit + 1);
        List<ArchiveEntry> rows = jdbc.query(sql(after.isPresent()), (rs, n) -> entry(rs), args.toArray());
        return Page.of(rows, limit, last -> Paging.cursor(last.sentAt().toString(), last.sha256()));
    }

    /** Arguments: recipient, from, to, [sent_at, sha256 of the cursor], limit; served by sent_archive_recipient. */
    static String sql(boolean afterCursor) {
        return OF_RECIPIENT + (afterCursor ? " and (sent_at, sha256) < (?, ?)" : "")
                + " order by sent_at desc, sha256 desc limit ?";
    }

    /** The archived message with this hash, its content decompressed when held; empty when never archived or gone. */
    public Optional<Archived> byHash(String sha256) {
        return jdbc.query(BY_HASH, (rs, n) -> archived(rs), sha256).stream().findFirst();
    }

    /** Every archived message to the person, oldest first, with its content where held (subject access). */
    public List<Archived> ofPerson(String address, String pseudonym) {
        return jdbc.query(OF_PERSON, (rs, n) -> archived(rs), address, pseudonym);
    }

    /**
     * GDPR art. 17: the content of every message to the person, and of the staff copies of those messages, goes; the
     * person's rows name the pseudonym instead of the address and lose their subject. Hashes stay, so the audit rows
     * that name them still verify. Call it in the erasure's transaction.
     *
     * @return the rows erased
     */
    public int erase(String address, String pseudonym) {
        return jdbc.update(ERASE_COPIES, address, address) + jdbc.update(ERASE_OWN, pseudonym, address);
    }

    /** One rule per category: a message goes, row and content, once its category's retention has passed. */
    public static List<RetentionRule> retention(ArchiveProperties.Retention keep) {
        return Arrays.stream(EmailCategory.values()).map(category -> new RetentionRule("sent_archive", "sent_at",
                "category = '" + category.name() + "'", keep.of(category))).toList();
    }

    /** An archived message with its content, decompressed, or null when withheld. */
    public record Archived(ArchiveEntry entry, byte[] content) {
    }

    private Archived archived(ResultSet rs) throws SQLException {
        byte[] gzipped = rs.getBytes("content");
        return new Archived(entry(rs), gzipped == null ? null : ArchivedMessage.gunzip(gzipped));
    }

    private ArchiveEntry entry(ResultSet rs) throws SQLException {
        Instant sentAt = rs.getObject("sent_at", OffsetDateTime.class).toInstant();
        String category = rs.getString("category");
        return new ArchiveEntry(rs.getString("sha256"), rs.getString("draft_id"), rs.getString("recipient"),
                rs.getString("kind"), category, rs.getString("message_id"), rs.getString("location_id"),
                rs.getString("subject"), sentAt,
                rs.getInt("size_bytes"), sentAt.plus(retention.of(EmailCategory.valueOf(category))),
                rs.getBoolean("held"), rs.getString("withheld"));
    }
}
