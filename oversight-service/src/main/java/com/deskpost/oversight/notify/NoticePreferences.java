package com.deskpost.oversight.notify;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Each approver's choice of {@link Delivery}, set by the approver (ops page, API); an approver who has not chosen
 * gets {@code deskpost.oversight.notifications.default-delivery}, so changing the default reaches them too.
 */
@Repository
public class NoticePreferences {

    private final JdbcTemplate jdbc;
    private final Delivery defaultDelivery;

    public NoticePreferences(JdbcTemplate jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.defaultDelivery = properties.defaultDelivery();
    }

    public Delivery deliveryOf(String memberId) {
        return jdbc.queryForList("select delivery from approver_notice_preferences where member_id = ?", String.class,
                memberId).stream().findFirst().map(Delivery::valueOf).orElse(defaultDelivery);
    }

    /** Whether the approver chose, rather than getting the default. */
    public boolean chosenBy(String memberId) {
        return !jdbc.queryForList("select 1 from approver_notice_preferences where member_id = ?", Integer.class,
                memberId).isEmpty();
    }

    public void choose(String memberId, Delivery delivery) {
        jdbc.update("""
                insert into approver_notice_preferences (member_id, delivery, updated_at) values (?, ?, ?)
                on conflict (member_id) do update set delivery = excluded.delivery, updated_at = excluded.updated_at
                """, memberId, delivery.name(), Timestamp.from(Clock.systemUTC().instant()));
    }
}
