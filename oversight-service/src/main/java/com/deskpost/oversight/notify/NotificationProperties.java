package com.deskpost.oversight.notify;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How approvers hear of held drafts ({@code deskpost.oversight.notifications}).
 *
 * @param defaultDelivery what an approver who has chosen nothing gets: immediate (a mail per held draft), digest or off
 * @param interval how often a replica looks for newly held drafts to announce and drafts to escalate
 * @param escalateBefore a draft still undecided this long before its expiry is escalated to the staff mailbox, once
 * @param webhooks incoming webhooks per location id, and under {@code default} for every location not listed
 * @param webhookAttempts tries per webhook post before the notice is given up (logged and counted)
 * @param webhookTimeout how long one try may take
 */
@ConfigurationProperties("deskpost.oversight.notifications")
public record NotificationProperties(Delivery defaultDelivery, Duration interval, Duration escalateBefore,
        Map<String, Webhook> webhooks, Integer webhookAttempts, Duration webhookTimeout) {

    /** Where a location's notices are posted besides mail; a blank URL posts nothing there. */
    public record Webhook(String slackUrl, String teamsUrl) {

        public Webhook {
            slackUrl = slackUrl == null ? "" : slackUrl.strip();
            teamsUrl = teamsUrl == null ? "" : teamsUrl.strip();
        }
    }

    public NotificationProperties {
        defaultDelivery = defaultDelivery == null ? Delivery.IMMEDIATE : defaultDelivery;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        escalateBefore = escalateBefore == null ? Duration.ofHours(2) : escalateBefore;
        webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
        webhookAttempts = webhookAttempts == null ? 3 : Math.max(1, webhookAttempts);
        webhookTimeout = webhookTimeout == null ? Duration.ofSeconds(5) : webhookTimeout;
    }

    /** The location's own webhooks, else the default ones, else none. */
    public Webhook webhookOf(String locationId) {
        // Case aside: a key may reach the binder lower-cased (an environment variable), a location id rarely is.
        return webhooks.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(locationId))
                .map(Map.Entry::getValue).findFirst()
                .orElse(webhooks.getOrDefault("default", new Webhook("", "")));
    }
}
