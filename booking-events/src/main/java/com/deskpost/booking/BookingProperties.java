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
 */
@ConfigurationProperties("deskpost.booking")
public record BookingProperties(Duration reminderLeadTime, Duration reminderCheckInterval, Duration stateGrace) {

    public BookingProperties {
        reminderLeadTime = reminderLeadTime == null || reminderLeadTime.isNegative() ? Duration.ZERO : reminderLeadTime;
        reminderCheckInterval = reminderCheckInterval == null ? Duration.ofSeconds(30) : reminderCheckInterval;
        stateGrace = stateGrace == null || stateGrace.isNegative() ? Duration.ofDays(7) : stateGrace;
    }
}
