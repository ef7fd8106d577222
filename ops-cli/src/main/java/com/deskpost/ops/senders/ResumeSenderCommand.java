package com.deskpost.ops.senders;

import com.deskpost.ops.ApiCall;
import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Resumes a sender domain's commercial mail that the deliverability guardrails paused, through delivery's API
 * ({@code POST /api/v1/sender-domains/{domain}/resume}), which audits who and why.
 */
@Command(name = "resume-sender", mixinStandardHelpOptions = true,
        description = "Resume a sender domain's paused commercial mail (POST /api/v1/sender-domains/{domain}/resume"
                + " on delivery-service; audited SENDER_RESUMED with the key's client, --by and --reason).")
public final class ResumeSenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The sender (From) domain, e.g. shoreditch.example.com.")
    String domain;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why it is safe to send again (kept in the audit).")
    String reason;

    @Option(names = "--by", paramLabel = "WHO", description = "The person acting, e.g. ops:alice (kept in the audit).")
    String by;

    @Option(names = "--delivery-url", paramLabel = "URL",
            defaultValue = "${env:DESKPOST_DELIVERY_URL:-http://localhost:8085}",
            description = "Delivery service base URL (env DESKPOST_DELIVERY_URL; default ${DEFAULT-VALUE}).")
    String deliveryUrl;

    // The development key matches the services' own default.
    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:DESKPOST_API_KEY:-dev-only-api-key}",
            description = "A key of delivery's deskpost.api.clients with the scope deliverability (env DESKPOST_API_KEY;"
                    + " default the development key).", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String apiKey;

    @Override
    public Integer call() {
        var body = Json.MAPPER.createObjectNode().put("reason", reason);
        if (by != null) {
            body.put("by", by);
        }
        URI uri;
        try {
            uri = URI.create(deliveryUrl.replaceAll("/+$", "") + "/api/v1/sender-domains/" + domain + "/resume");
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("Not a URL with that domain (" + e.getMessage() + "): fix --delivery-url or DOMAIN.");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = ApiCall.send("delivery-service", deliveryUrl, "--delivery-url", request);
        if (response.statusCode() == 200) {
            spec.commandLine().getOut().println("Resumed commercial mail from " + domain + ": it goes at its next"
                    + " attempt; the window's counts restart.");
            return 0;
        }
        throw ApiCall.refused("Delivery-service", response);
    }
}
