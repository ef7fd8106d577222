package com.deskpost.ingest.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** What a vendor webhook answered: ignored with a reason, or refused with JSON a person can act on. */
public final class WebhookAnswers {

    private WebhookAnswers() {
    }

    public static void assertIgnored(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"outcome\":\"ignored\"", reason);
    }

    public static void assertRefused(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":", "\"message\":", detail);
    }
}
