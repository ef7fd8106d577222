package com.deskpost.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Booking composer settings.
 *
 * @param reminderLeadTime how long before a booking starts its member is reminded; unset or 0 sends no reminders
 * @param reminderCheckInterval how often due reminders are drafted (wall clock)
 * @param stateGrace how long a booking's state is kept after it was cancelled or ended; then it is forgotten
 *     and a late event of it is judged against its last version on mail.entity-versions (default 7 days)
 * @param housekeepingInterval how often (wall clock) bookings that are over are forgotten and erasures announced
 *     since the last look are applied to the booking stores (default 1 minute)
 */
@ConfigurationProperties("deskpost.booking")
public record BookingProperties(Duration reminderLeadTime, Duration reminderCheckInterval, Duration stateGrace,
        Duration housekeepingInterval) {

    public BookingProperties {
        reminderLeadTime = reminderLeadTime == null || reminderLeadTime.isNegative() ? Duration.ZERO : reminderLeadTime;
        reminderCheckInterval = reminderCheckInterval == null ? Duration.ofSeconds(30) : reminderCheckInterval;
        stateGrace = stateGrace == null || stateGrace.isNegative() ? Duration.ofDays(7) : stateGrace;
        housekeepingInterval = housekeepingInterval == null || housekeepingInterval.isNegative()
                || housekeepingInterval.isZero() ? Duration.ofMinutes(1) : housekeepingInterval;
    }
}
