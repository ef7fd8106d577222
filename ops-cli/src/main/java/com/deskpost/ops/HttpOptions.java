package com.deskpost.ops;

import picocli.CommandLine.Option;

/** Where audit-service's HTTP API is and the key to call it with. */
public final class HttpOptions {

    @Option(names = "--audit-url", paramLabel = "URL",
            defaultValue = "${env:DESKPOST_AUDIT_URL:-http://localhost:8091}",
            description = "Audit service base URL (env DESKPOST_AUDIT_URL; default ${DEFAULT-VALUE}).")
    String auditUrl;

    // The development key matches the services' own default, as the MCP server's does.
    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:DESKPOST_API_KEY:-dev-only-api-key}",
            description = "A key of audit-service's deskpost.api.clients with the scope read (env DESKPOST_API_KEY;"
                    + " default the development key).",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String apiKey;

    public String auditUrl() {
        return auditUrl;
    }

    public String apiKey() {
        return apiKey;
    }
}
