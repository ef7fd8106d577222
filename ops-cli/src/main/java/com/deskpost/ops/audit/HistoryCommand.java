package com.deskpost.ops.audit;

import com.deskpost.ops.HttpOptions;
import com.deskpost.ops.Json;
import com.deskpost.ops.OpsFailure;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** A draft's audit history as a timeline, every page of it. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a draft's history (GET /api/v1/drafts/{draftId}/history) as a timeline: time, type, actor,"
                + " recipient, detail.")
public final class HistoryCommand implements Callable<Integer> {

    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    HttpOptions http;

    @Parameters(index = "0", paramLabel = "DRAFT_ID", description = "The draft id (a UUID, in every audit row and in GET /api/v1/messages).")
    String draftId;

    @Option(names = "--json", description = "Print the rows as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        if (draftId.isBlank()) {
            throw OpsFailure.usage("Name a draft id, e.g. history 0b7e3c1a-5d2f-3e4a-9c1b-2f6d8e0a1b42.");
        }
        AuditApi api = new AuditApi(http);
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/drafts/" + encode(draftId) + "/history?limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = api.get(path);
            page.path("items").forEach(rows::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            rows.forEach(array::add);
            out.println(array);
        } else {
            out.println("History of draft " + draftId + " (" + rows.size() + " events, oldest first)");
            rows.forEach(row -> out.println(timelineLine(row)));
        }
        return 0;
    }

    static String timelineLine(JsonNode row) {
        String recipient = text(row, "recipient");
        String detail = text(row, "detail");
        String messageId = text(row, "messageId");
        StringBuilder line = new StringBuilder(String.format("%-24s  %-17s  %-20s", text(row, "occurredAt"),
                text(row, "type"), text(row, "actor")));
        if (!recipient.isEmpty()) {
            line.append("  ").append(recipient);
        }
        if (!detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        if (!messageId.isEmpty()) {
            line.append("  ").append(messageId);
        }
        return line.toString().stripTrailing();
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
