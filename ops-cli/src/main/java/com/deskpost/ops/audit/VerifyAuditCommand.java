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

/** Asks audit-service to recompute the audit hash chain; exit code 1 when it is broken. */
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Recompute the audit hash chain (GET /api/v1/audit/verification): intact, or the first broken"
                + " row; exit code 1 when broken.")
public final class VerifyAuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HttpOptions http;

    @Option(names = "--json", description = "Print audit-service's answer as JSON.")
    boolean json;

    @Override
    public Integer call() {
        JsonNode verification = new AuditApi(http).get("/api/v1/audit/verification");
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? verification.toString() : describe(verification));
        return verification.path("intact").asBoolean(false) ? 0 : 1;
    }

    static String describe(JsonNode verification) {
        long rows = verification.path("rows").asLong();
        if (verification.path("intact").asBoolean(false)) {
            return "Audit chain intact: " + rows + " rows verified.";
        }
        return "Audit chain BROKEN at seq " + verification.path("firstBrokenSeq").asString("?") + " (audit id "
                + verification.path("auditId").asString("?") + "): " + verification.path("reason").asString("no reason given")
                + ". " + rows + " rows read; rows before it are intact. Treat this as an incident: keep the database"
                + " as it is and compare the row with mail.audit.";
    }
}
