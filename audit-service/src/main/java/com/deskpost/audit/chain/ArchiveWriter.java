package com.deskpost.audit.chain;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a segment of a chain to {@code <directory>/<chain>/<chain>-<from>-<to>.jsonl.gz}: one JSON object
 * per row, in position order, with every column its hash covers, its prev_hash and hash, so the file can
 * be verified on its own. The file holds no personal data in clear: the recipient is written as the
 * pseudonym an erasure would give it and the detail is left out, both still bound by their digests. An
 * erasure that comes after archiving therefore has nothing to reach in the file.
 */
@Component
public class ArchiveWriter {

    private static final int FETCH_SIZE = 1000;
    private static final int LEGACY_PSEUDONYM_DIGITS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;
    private final Path directory;

    public ArchiveWriter(DataSource dataSource, Pseudonyms pseudonyms, AuditChainProperties settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.pseudonyms = pseudonyms;
        this.directory = settings.archive().directory();
    }

    /** A written file: its name relative to the archive directory, its SHA-256 and what it holds. */
    record Written(String file, String sha256, long rows, String firstPrevHash, String lastHash) {
    }

    /** Writes positions {@code from..to} of the chain; call inside a transaction (the rows are streamed). */
    Written write(String chain, long from, long to) {
        String name = chain + "/" + chain + "-" + from + "-" + to + ".jsonl.gz";
        Path target = directory.resolve(name);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Written written;
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(partial), sha);
                    GZIPOutputStream gzip = new GZIPOutputStream(file);
                    Stream<Map<String, Object>> rows = jdbc.queryForStream("""
                            select * from audit_log where chain_id = ? and chain_position between ? and ?
                             order by chain_position""", this::line, chain, from, to)) {
                written = writeLines(name, rows.iterator(), gzip);
            }
            written = new Written(name, HexFormat.of().formatHex(sha.digest()), written.rows(),
                    written.firstPrevHash(), written.lastHash());
            // Only a complete file takes the segment's name.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit archive " + target, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Written writeLines(String name, Iterator<Map<String, Object>> rows, OutputStream out)
            throws IOException {
        long count = 0;
        String firstPrev = null;
        String last = null;
        while (rows.hasNext()) {
            Map<String, Object> row = rows.next();
            firstPrev = firstPrev == null ? (String) row.get("prev_hash") : firstPrev;
            last = (String) row.get("hash");
            out.write(JSON.writeValueAsBytes(row));
            out.write('\n');
            count++;
        }
        return new Written(name, null, count, firstPrev, last);
    }

    private Map<String, Object> line(ResultSet rs, int n) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("chain_id", rs.getString("chain_id"));
        row.put("chain_position", rs.getLong("chain_position"));
        row.put("seq", rs.getLong("seq"));
        row.put("audit_id", rs.getString("audit_id"));
        row.put("draft_id", rs.getString("draft_id"));
        row.put("type", rs.getString("type"));
        row.put("occurred_at_millis", rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toEpochMilli());
        row.put("actor", rs.getString("actor"));
        row.put("recipient", archivedRecipient(rs.getString("recipient"), rs.getString("recipient_digest")));
        row.put("recipient_digest", rs.getString("recipient_digest"));
        row.put("location_id", rs.getString("location_id"));
        row.put("thread_key", rs.getString("thread_key"));
        row.put("correlation_id", rs.getString("correlation_id"));
        row.put("message_id", rs.getString("message_id"));
        row.put("detail_digest", rs.getString("detail_digest"));
        row.put("attributes", rs.getString("attributes"));
        // Absent (not null) for rows stored before records of processing, as their hash format is.
        if (rs.getString("processing_activity") != null || rs.getString("lawful_basis") != null
                || rs.getString("purpose") != null) {
            row.put("processing_activity", rs.getString("processing_activity"));
            row.put("lawful_basis", rs.getString("lawful_basis"));
            row.put("purpose", rs.getString("purpose"));
        }
        row.put("prev_hash", rs.getString("prev_hash"));
        row.put("hash", rs.getString("hash"));
        row.put("recorded_at", rs.getObject("recorded_at", OffsetDateTime.class).toInstant().toString());
        return row;
    }

    /** The pseudonym an erasure gives the recipient: of its keyed digest, or of a legacy unkeyed one. */
    private String archivedRecipient(String recipient, String digest) {
        if (recipient == null || digest == null || Pseudonyms.isPseudonym(recipient)) {
            return recipient;
        }
        if (digest.equals(pseudonyms.digest(DraftIds.normaliseEmail(recipient)))) {
            return Pseudonyms.ofDigest(digest);
        }
        return Pseudonyms.PREFIX + digest.substring(0, Math.min(LEGACY_PSEUDONYM_DIGITS, digest.length()));
    }
}
