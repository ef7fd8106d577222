package com.deskpost.ops.audit;

import com.deskpost.ops.HttpOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Asks audit-service to recompute its hash chains (one per mail.audit partition), each from its newest
 * checkpoint or, with --full, from its start; exit code 1 when one is broken.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Recompute the audit hash chains (GET /api/v1/audit/verification): intact, or the first broken"
                + " row, and per chain the rows read, the checkpoint they were read from and what was archived;"
                + " exit code 1 when broken.")
public final class VerifyAuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HttpOptions http;

    @Option(names = "--json", description = "Print audit-service's answer as JSON.")
    boolean json;

    @Option(names = "--full", description = "Verify every chain from its start (or its archived head), every"
            + " checkpoint against its row, not just the rows after each chain's newest checkpoint.")
    boolean full;

    @Override
    public Integer call() {
        JsonNode verification = new AuditApi(http).get("/api/v1/audit/verification" + (full ? "?full=true" : ""));
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? verification.toString() : describe(verification));
        return verification.path("intact").asBoolean(false) ? 0 : 1;
    }

    static String describe(JsonNode verification) {
        StringBuilder text = new StringBuilder(summary(verification));
        for (JsonNode chain : verification.path("chains")) {
            text.append("\n  ").append(describeChain(chain));
        }
        return text.toString();
    }

    private static String summary(JsonNode verification) {
        long rows = verification.path("rows").asLong();
        String mode = verification.has("mode") ? " (" + verification.path("mode").asString() + ")" : "";
        if (verification.path("intact").asBoolean(false)) {
            return "Audit chain intact: " + rows + " rows verified" + mode + ".";
        }
        String where = verification.has("firstBrokenChain") ? ", chain " + verification.path("firstBrokenChain")
                .asString() + " position " + verification.path("firstBrokenPosition").asString("?") : "";
        return "Audit chain BROKEN at seq " + verification.path("firstBrokenSeq").asString("?") + " (audit id "
                + verification.path("auditId").asString("?") + where + "): "
                + verification.path("reason").asString("no reason given")
                + ". " + rows + " rows read; rows before it are intact. Treat this as an incident: keep the database"
                + " as it is and compare the row with mail.audit.";
    }

    /** One line per chain: what was read from where, or where it broke, and what was archived. */
    static String describeChain(JsonNode chain) {
        StringBuilder line = new StringBuilder(chain.path("chain").asString("?")).append(": ");
        if (chain.path("intact").asBoolean(false)) {
            line.append("intact, ").append(chain.path("rows").asLong()).append(" rows read");
        } else {
            line.append("BROKEN at position ").append(chain.path("firstBrokenPosition").asString("?"));
            if (chain.has("auditId")) {
                line.append(" (audit id ").append(chain.path("auditId").asString()).append(')');
            }
            line.append(": ").append(chain.path("reason").asString("no reason given"));
        }
        if (chain.has("fromCheckpoint")) {
            line.append(", from the checkpoint at position ").append(chain.path("fromCheckpoint").asLong());
        }
        JsonNode archived = chain.path("archived");
        if (archived.isObject()) {
            JsonNode files = archived.path("files");
            line.append("; archived ").append(archived.path("rows").asLong()).append(" rows up to position ")
                    .append(archived.path("upToPosition").asLong()).append(" in ").append(files.size())
                    .append(files.size() == 1 ? " file" : " files");
            if (!files.isEmpty()) {
                JsonNode last = files.get(files.size() - 1);
                line.append(", the last ").append(last.path("file").asString()).append(" (SHA-256 ")
                        .append(last.path("sha256").asString()).append(')');
            }
        }
        return line.toString();
    }
}
