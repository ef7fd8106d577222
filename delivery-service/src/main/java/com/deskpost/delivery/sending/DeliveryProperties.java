package com.deskpost.delivery.sending;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Delivery settings beyond the SMTP relay itself (which is {@code spring.mail.*}).
 *
 * @param ratePerSecond most messages per second the relay accepts from us (the provider's limit), all delivery
 *     instances together ({@link SharedRelayRate})
 * @param smtpIdleTimeout reconnect before sending when the kept connection has been idle this long
 * @param publicBaseUrl where members reach the one-click unsubscribe endpoint, e.g. https://mail.example.com
 * @param unsubscribeSecret key that signs unsubscribe links, so nobody can unsubscribe someone else
 * @param idempotencyLedger whether the ledger decides "already sent?"; off only to measure what it costs (bench):
 *     without it a replay or redelivery sends again
 * @param dkim the keys outbound mail is DKIM-signed with, one per sender domain
 * @param claim how a consumer claims (draft, recipient) before its SMTP transaction
 * @param rateBurst how many messages may start at once after a quiet spell (the bucket's capacity): in any
 *     T seconds all instances together start at most rateBurst + ratePerSecond × T; default ratePerSecond
 * @param rateAhead most permits a sending thread takes from the shared bucket in one transaction when the bucket has
 *     them, using the rest for its next messages within {@link SharedRelayRate#HOLD} (else they lapse unused): the
 *     bound above grows by (rateAhead − 1) per sending thread. Default a twentieth of the rate, 1 to 32; 1 takes one
 *     permit per message, exactly
 */
@ConfigurationProperties("deskpost.delivery")
public record DeliveryProperties(Integer ratePerSecond, Duration smtpIdleTimeout, String publicBaseUrl,
        String unsubscribeSecret, Boolean idempotencyLedger, Dkim dkim, Claim claim, Integer rateBurst,
        Integer rateAhead) {

    @ConstructorBinding
    public DeliveryProperties {
        ratePerSecond = ratePerSecond == null ? 100 : ratePerSecond;
        rateBurst = rateBurst == null ? ratePerSecond : rateBurst;
        rateAhead = rateAhead == null ? Math.max(1, Math.min(32, ratePerSecond / 20)) : rateAhead;
        if (ratePerSecond < 1 || rateBurst < 1 || rateAhead < 1) {
            throw new IllegalArgumentException("deskpost.delivery.rate-per-second, rate-burst and rate-ahead must be at least"
                    + " 1, were " + ratePerSecond + ", " + rateBurst + " and " + rateAhead);
        }
        smtpIdleTimeout = smtpIdleTimeout == null ? Duration.ofSeconds(20) : smtpIdleTimeout;
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8085" : publicBaseUrl;
        idempotencyLedger = idempotencyLedger == null || idempotencyLedger;
        dkim = dkim == null ? new Dkim(List.of()) : dkim;
        claim = claim == null ? new Claim(null) : claim;
        if (unsubscribeSecret == null || unsubscribeSecret.isBlank()) {
            throw new IllegalArgumentException("deskpost.delivery.unsubscribe-secret must be set: it signs unsubscribe links");
        }
    }

    /** Settings without DKIM keys (every mail is sent unsigned). */
    public DeliveryProperties(Integer ratePerSecond, Duration smtpIdleTimeout, String publicBaseUrl,
            String unsubscribeSecret, Boolean idempotencyLedger) {
        this(ratePerSecond, smtpIdleTimeout, publicBaseUrl, unsubscribeSecret, idempotencyLedger, null, null, null, null);
    }

    /**
     * The claim a consumer takes on (draft, recipient) before its SMTP transaction ({@code deskpost.delivery.claim}),
     * so that two consumers holding the same record (during a rebalance, a zombie) do not both send it.
     *
     * @param lease how long a claim keeps others off if its holder neither commits nor releases it (a crash):
     *     longer than an SMTP transaction's worst case plus the ledger commit's retries, so a live sender's
     *     claim never lapses; after it another consumer takes over and sends
     */
    public record Claim(Duration lease) {

        public Claim {
            lease = lease == null ? Duration.ofMinutes(5) : lease;
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("deskpost.delivery.claim.lease must be positive, was " + lease);
            }
        }
    }

    /**
     * DKIM signing ({@code deskpost.delivery.dkim}): mail whose From domain has a key here is signed
     * with it; mail from any other domain is sent unsigned. The keys are checked when the service starts.
     *
     * @param keys one entry per sender domain
     */
    public record Dkim(List<Key> keys) {

        public Dkim {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        /**
         * One signing key; give the key either as a file or as the PEM text itself.
         *
         * @param domain the sender domain it signs for ({@code d=}), e.g. shoreditch.example.com
         * @param selector names the public key's DNS record {@code <selector>._domainkey.<domain>} ({@code s=})
         * @param privateKeyFile path of the RSA private key, PEM (PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1)
         * @param privateKey the PEM text itself, for keys handed over in an environment variable
         */
        public record Key(String domain, String selector, String privateKeyFile, String privateKey) {
        }
    }
}
