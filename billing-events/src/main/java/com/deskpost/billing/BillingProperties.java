package com.deskpost.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Billing composer settings.
 *
 * @param stateGrace how long a cancelled subscription's billing state is kept after its membership ended (or after
 *     the cancellation was processed, if later): late payments, invoices and refunds within it are still judged
 *     against the whole subscription (default 90 days)
 */
@ConfigurationProperties("deskpost.billing")
public record BillingProperties(Duration stateGrace) {

    public BillingProperties {
        stateGrace = stateGrace == null || stateGrace.isNegative() ? Duration.ofDays(90) : stateGrace;
    }
}
