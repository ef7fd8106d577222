package com.deskpost.delivery.guardrail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which sender domains are paused ({@code sender_domain_pause}), shared by every delivery instance. */
@Component
class SenderPauses {

    record Pause(String senderDomain, Instant pausedAt, String reason) {
    }

    static final String OF = "select sender_domain, paused_at, reason from sender_domain_pause where sender_domain = ?";
    static final String RESUME = "delete from sender_domain_pause where sender_domain = ?"
            + " returning sender_domain, paused_at, reason";

    private final JdbcTemplate jdbc;

    SenderPauses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Pause> of(String senderDomain) {
        List<Pause> found = jdbc.query(OF, (rs, n) -> new Pause(rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getString(3)), senderDomain);
        return found.stream().findFirst();
    }

    /** @return whether this call paused it (false: it was paused already) */
    boolean pause(String senderDomain, Instant at, String reason) {
        return jdbc.update("insert into sender_domain_pause (sender_domain, paused_at, reason) values (?, ?, ?)"
                + " on conflict (sender_domain) do nothing", senderDomain, Timestamp.from(at), reason) > 0;
    }

    /** @return the pause this call ended, if the domain was paused (locked, so two resumes end it once) */
    Optional<Pause> resume(String senderDomain) {
        List<Pause> ended = jdbc.query(RESUME, (rs, n) -> new Pause(rs.getString(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3)), senderDomain);
        return ended.stream().findFirst();
    }
}
