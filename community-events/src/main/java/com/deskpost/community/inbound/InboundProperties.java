package com.deskpost.community.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How inbound mail reaches the service.
 *
 * @param webhookKey the bearer key the mail provider's inbound webhook sends
 * @param smtp the SMTP listener
 */
@ConfigurationProperties("deskpost.community.inbound")
public record InboundProperties(String webhookKey, Smtp smtp) {

    /** Short keys can be guessed; 16 characters is the floor, a random 32+ is what to use. */
    static final int MIN_KEY_LENGTH = 16;

    public InboundProperties {
        if (webhookKey == null || webhookKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("deskpost.community.inbound.webhook-key must be at least "
                    + MIN_KEY_LENGTH + " characters; generate one, e.g. openssl rand -hex 32");
        }
        smtp = smtp == null ? new Smtp(null, null, null, null) : smtp;
    }

    /** Keeps the key out of logs and start-up failure reports. */
    @Override
    public String toString() {
        return "InboundProperties[webhookKey=(hidden), smtp=" + smtp + "]";
    }

    /**
     * @param enabled whether the SMTP listener runs
     * @param port its port; 0 for any free one
     * @param bindAddress the interface it listens on
     * @param maxMessageBytes larger mail is refused with 552
     */
    public record Smtp(Boolean enabled, Integer port, String bindAddress, Integer maxMessageBytes) {

        public Smtp {
            enabled = enabled == null || enabled;
            port = port == null ? 2526 : port;
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            maxMessageBytes = maxMessageBytes == null ? 10 * 1024 * 1024 : maxMessageBytes;
        }
    }
}
