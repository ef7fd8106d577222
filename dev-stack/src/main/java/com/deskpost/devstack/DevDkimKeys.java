package com.deskpost.devstack;

import com.deskpost.delivery.sending.dkim.DnsRecords;
import com.deskpost.events.Location;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM key per sender domain of the sample locations, made fresh at each start, so a newcomer's first mail is
 * signed, and the DNS records an operator would publish for them (printed by {@link DevStack}, README
 * "Deliverability set-up"). The keys live only in the process: the development domains are not real.
 */
final class DevDkimKeys {

    static final String SELECTOR = "dev";

    private final Map<String, KeyPair> byDomain = new LinkedHashMap<>();

    DevDkimKeys(List<Location> locations) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            for (Location location : locations) {
                String mailbox = location.getSenderMailbox();
                String domain = mailbox.substring(mailbox.indexOf('@') + 1).toLowerCase(Locale.ROOT);
                byDomain.computeIfAbsent(domain, any -> generator.generateKeyPair());
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no RSA key generator", e);
        }
    }

    /** delivery-service's settings that sign with these keys ({@code deskpost.delivery.dkim.keys}). */
    String[] deliverySettings() {
        List<String> settings = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, KeyPair> entry : byDomain.entrySet()) {
            String at = "--deskpost.delivery.dkim.keys[" + i++ + "].";
            settings.add(at + "domain=" + entry.getKey());
            settings.add(at + "selector=" + SELECTOR);
            settings.add(at + "private-key=-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(entry.getValue().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        }
        return settings.toArray(String[]::new);
    }

    /** The zone-file lines to publish: each sender domain's DKIM key and DMARC policy, then the bounce domain's. */
    List<String> dnsRecords(String bounceDomain, String relayHost, String inboundHost) {
        List<String> lines = new ArrayList<>();
        byDomain.forEach((domain, keys) -> DnsRecords.senderDomain(domain, SELECTOR,
                (RSAPublicKey) keys.getPublic(), "dmarc-reports@" + domain)
                .forEach(record -> lines.add(record.zoneLine())));
        DnsRecords.bounceDomain(bounceDomain, relayHost, inboundHost).forEach(record -> lines.add(record.zoneLine()));
        return lines;
    }
}
