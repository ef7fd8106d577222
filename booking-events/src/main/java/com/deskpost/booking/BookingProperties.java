package com.deskpost.booking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Booking composer settings.
 *
 * @param reminderLeadTime how long before a booking starts its member is reminded; unset or 0 sends no reminders
 * @param reminderCheckInterval how often due reminders are drafted (wall clock)
 */
@ConfigurationProperties("deskpost.booking")
public record BookingProperties(Duration reminderLeadTime, Duration reminderCheckInterval) {

    public BookingProperties {
        reminderLeadTime = reminderLeadTime == null || reminderLeadTime.isNegative() ? Duration.ZERO : reminderLeadTime;
        reminderCheckInterval = reminderCheckInterval == null ? Duration.ofSeconds(30) : reminderCheckInterval;
    }
}
