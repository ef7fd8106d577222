package com.deskpost.delivery.sending.dkim;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The DNS records an operator publishes so receivers trust Deskpost's mail: per sender domain, the DKIM public key
 * (RFC 6376 §3.6.1), a DMARC policy (RFC 7489) that DKIM alignment satisfies (d= is the sender domain), and for the
 * bounce domain (the envelope sender every mail carries) SPF naming the relay (RFC 7208) and an MX pointing at
 * Deskpost's inbound SMTP listener, so bounce reports come back. DMARC's relaxed SPF alignment also holds when the
 * bounce domain shares the sender domain's organisational domain ({@code bounce.example.com} for
 * {@code example.com}).
 */
public final class DnsRecords {

    private DnsRecords() {
    }

    /** One record as a zone file line would hold it. */
    public record Record(String name, String type, String value, String why) {

        /** The zone-file line, e.g. {@code dev._domainkey.example.com. TXT "v=DKIM1; ..."}. */
        public String zoneLine() {
            return name + ". " + type + " " + value;
        }
    }

    /** The DKIM key record and DMARC policy of a sender domain. */
    public static List<Record> senderDomain(String domain, String selector, RSAPublicKey publicKey,
            String reportMailbox) {
        String key = Base64.getEncoder().encodeToString(publicKey.getEncoded());
        // A TXT string holds at most 255 characters (RFC 1035 §3.3.14); longer keys are split, receivers concatenate.
        List<String> strings = new ArrayList<>();
        String text = "v=DKIM1; k=rsa; p=" + key;
        for (int at = 0; at < text.length(); at += 255) {
            strings.add("\"" + text.substring(at, Math.min(text.length(), at + 255)) + "\"");
        }
        return List.of(
                new Record(selector + "._domainkey." + domain, "TXT", String.join(" ", strings),
                        "DKIM public key: receivers check the signature delivery adds (d=" + domain + ")"),
                new Record("_dmarc." + domain, "TXT", "\"v=DMARC1; p=quarantine; adkim=r; aspf=r; rua=mailto:"
                        + reportMailbox + "\"", "DMARC policy: DKIM-aligned mail passes; aggregate reports to "
                        + reportMailbox));
    }

    /** The bounce domain's SPF (the relay may send with it as envelope sender) and MX (bounces come back). */
    public static List<Record> bounceDomain(String bounceDomain, String relayHost, String inboundHost) {
        return List.of(
                new Record(bounceDomain, "TXT", "\"v=spf1 a:" + relayHost + " -all\"",
                        "SPF: only the relay sends with envelope senders at " + bounceDomain),
                new Record(bounceDomain, "MX", "10 " + inboundHost + ".",
                        "bounce reports to the per-message return paths reach community-events' SMTP listener"));
    }
}
