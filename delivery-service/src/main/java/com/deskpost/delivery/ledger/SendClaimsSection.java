package com.deskpost.delivery.ledger;

import com.deskpost.delivery.subject.SubjectDataSource;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subject access section {@code sendClaims}: sends to the person under way, or left by a sender that crashed or
 * a mail that was dead-lettered after its claim (kept a day, deskpost.delivery.retention.claims). A finished send
 * releases its claim, so this is usually empty.
 */
@Component
class SendClaimsSection implements SubjectDataSource {

    static final String OF_PERSON = """
            select draft_id, recipient, claimed_at, lease_until from delivery_claim
             where recipient in (?, ?) order by claimed_at, draft_id""";

    /** One claim: which draft to the person was being sent, since when, held until when. */
    record Claim(String draftId, String recipient, Instant claimedAt, Instant leaseUntil) {
    }

    private final JdbcTemplate jdbc;

    SendClaimsSection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "sendClaims";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        return jdbc.query(OF_PERSON, (rs, n) -> new Claim(rs.getString("draft_id"), rs.getString("recipient"),
                rs.getTimestamp("claimed_at").toInstant(), rs.getTimestamp("lease_until").toInstant()),
                address, pseudonym);
    }
}
