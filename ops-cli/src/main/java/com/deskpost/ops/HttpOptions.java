package com.deskpost.ops;

import picocli.CommandLine.Option;

/** Where delivery's HTTP API is and the key to call it with. */
public final class HttpOptions {

    @Option(names = "--delivery-url", paramLabel = "URL",
            defaultValue = "${env:DESKPOST_DELIVERY_URL:-http://localhost:8085}",
            description = "Delivery service base URL (env DESKPOST_DELIVERY_URL; default ${DEFAULT-VALUE}).")
    String deliveryUrl;

    // The development key matches delivery's own default, as the MCP server's does.
    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:DESKPOST_API_KEY:-dev-only-api-key}",
            description = "A key of delivery's deskpost.api.clients (env DESKPOST_API_KEY; default the development key).",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String apiKey;

    public String deliveryUrl() {
        return deliveryUrl;
    }

    public String apiKey() {
        return apiKey;
    }
}
