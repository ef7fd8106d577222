package com.deskpost.ops.directory;

import com.deskpost.ops.ApiCall;
import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Imports a member or location directory file (CSV with a header row, or a JSON array) through ingest-service's
 * {@code POST /api/v1/directory/{members|locations}}, which checks the whole file and publishes it or refuses it
 * with every problem; this prints each problem as {@code line N, column: message}.
 */
@Command(name = "import-directory", mixinStandardHelpOptions = true,
        description = "Import members or locations from a CSV or JSON file through ingest-service (POST"
                + " /api/v1/directory/{members|locations}); the file is published whole, or refused with every"
                + " problem listed and nothing published.")
public final class ImportDirectoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "members or locations")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "A .csv (header row first) or .json (array) file.")
    Path file;

    @Option(names = "--dry-run", description = "Check the file and publish nothing.")
    boolean dryRun;

    @Option(names = "--ingest-url", paramLabel = "URL",
            defaultValue = "${env:DESKPOST_INGEST_URL:-http://localhost:8090}",
            description = "Ingest service base URL (env DESKPOST_INGEST_URL; default ${DEFAULT-VALUE}).")
    String ingestUrl;

    // The development key matches ingest's own directory-dev client.
    @Option(names = "--ingest-key", paramLabel = "KEY",
            defaultValue = "${env:DESKPOST_INGEST_DIRECTORY_KEY:-dev-only-directory-key}",
            description = "An ingest client key granted facility.members or facility.locations (env"
                    + " DESKPOST_INGEST_DIRECTORY_KEY; default the development key of the client directory-dev).",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    String ingestKey;

    @Override
    public Integer call() {
        if (!"members".equals(kind) && !"locations".equals(kind)) {
            throw OpsFailure.usage("KIND is members or locations, not " + kind + ".");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".json") ? "application/json" : name.endsWith(".csv") ? "text/csv" : null;
        if (type == null) {
            throw OpsFailure.usage(file + " is neither .csv nor .json: name the file for its format.");
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw OpsFailure.usage("Cannot read " + file + ": " + e.getMessage());
        }
        URI uri = URI.create(ingestUrl.replaceAll("/+$", "") + "/api/v1/directory/" + kind
                + (dryRun ? "?dry_run=true" : ""));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + ingestKey).header("Content-Type", type + "; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = ApiCall.send("ingest-service", ingestUrl, "--ingest-url", request);
        JsonNode answer = json(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 202) {
            spec.commandLine().getOut().println(dryRun
                    ? file + ": " + answer.path("rows").asInt() + " " + kind + ", no problems (dry run: nothing published)."
                    : "Published " + answer.path("published").asInt() + " " + kind + " from " + file + " to "
                            + answer.path("topic").asString() + " (correlation id "
                            + answer.path("correlation_id").asString() + ").");
            return 0;
        }
        if (response.statusCode() == 422 && answer.has("problems")) {
            var err = spec.commandLine().getErr();
            err.println(file + ": " + answer.path("message").asString());
            for (JsonNode problem : answer.get("problems")) {
                err.println("  " + (type.equals("text/csv") ? "line " : "item ") + problem.path("row").asInt()
                        + (problem.has("column") ? ", " + problem.get("column").asString() : "") + ": "
                        + problem.path("message").asString());
            }
            return OpsFailure.CHECK_FAILED;
        }
        throw ApiCall.refused("Ingest-service", response);
    }

    private static JsonNode json(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body == null ? "" : body);
            return json == null ? Json.MAPPER.createObjectNode() : json;
        } catch (JacksonException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
