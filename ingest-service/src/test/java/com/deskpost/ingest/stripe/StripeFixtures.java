package com.deskpost.ingest.stripe;

import com.deskpost.ingest.testdata.IngestCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Stripe's side in tests: the event fixtures (written from Stripe's API reference) and Stripe's signature. */
final class StripeFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeFixtures() {
    }

    static String text(String name) {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode event(String name) {
        return (ObjectNode) JSON.readTree(text(name));
    }

    /** The data.object of an event, to change in a test. */
    static ObjectNode object(ObjectNode event) {
        return (ObjectNode) event.get("data").get("object");
    }

    /** {@code Stripe-Signature: t=<t>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, the same layout as Deskpost's own. */
    static String sign(String secret, long t, String body) {
        return IngestCalls.signature(secret, t, body);
    }
}
