package com.deskpost.ops.redrive;

import com.deskpost.ops.KafkaOptions;
import com.deskpost.ops.OpsFailure;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The redrive subcommand: argument checks and the report; {@link Redrive} does the work. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = {"Send dead letters back to their source topic (header kafka_original-topic, or --to) once the"
                + " cause is fixed, exactly once: records and the group's offsets commit in one transaction, so a"
                + " second run continues where the first stopped.",
                "Records whose credentials the service kept sealed (header deskpost_redacted: credentials sealed) are"
                        + " redriven and deliver their codes; records whose credentials it masked or whose value it"
                        + " withheld are reported, not redriven."})
public final class RedriveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", required = true, paramLabel = "DLQ", description = "Dead-letter topic, e.g. facility.bookings.dlq.")
    String from;

    @Option(names = "--to", paramLabel = "TOPIC", description = "Send every record here instead of its original topic.")
    String to;

    @Option(names = "--dry-run", description = "Report what would be redriven; produce and commit nothing.")
    boolean dryRun;

    @Option(names = "--limit", paramLabel = "N", description = "Redrive at most N records in this run.")
    Long limit;

    @Option(names = "--reason-contains", paramLabel = "TEXT",
            description = "Only records whose reason (kafka_exception-message) contains TEXT; the others are passed over for this group.")
    String reasonContains;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = RedriveSettings.DEFAULT_GROUP,
            description = "Consumer group remembering how far redrives got (default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--include-redacted",
            description = "Also redrive records whose credentials the service masked (the mail would show the mask).")
    boolean includeRedacted;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100",
            description = "Records per transaction (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() {
        RedriveSettings settings = settings();
        kafka.requireReachable();
        PrintWriter out = spec.commandLine().getOut();
        RedriveReport report;
        try {
            report = new Redrive(kafka.clientProperties(), settings, outcome -> {
                out.println(line(outcome, settings.dryRun()));
                out.flush();
            }, Redrive.BeforeCommit.NONE).run();
        } catch (KafkaException e) {
            // e.g. a time-out, or ACLs that do not allow the transactional id or the group
            throw OpsFailure.unreachable("Kafka failed the redrive of " + from + " (" + e.getMessage() + "): check the"
                    + " cluster and the client's ACLs (transactional id " + settings.group() + "-" + from + ", group "
                    + settings.group() + "), then run again; it continues after the last committed batch.", e);
        }
        out.println(summary(report, settings.dryRun()));
        return 0;
    }

    RedriveSettings settings() {
        if (!from.endsWith(".dlq")) {
            throw OpsFailure.usage("--from must name a dead-letter topic (ending in .dlq), not " + from + ".");
        }
        if (limit != null && limit < 1) {
            throw OpsFailure.usage("--limit must be 1 or more, not " + limit + ".");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw OpsFailure.usage("--batch-size must be between 1 and 10000, not " + batchSize + ".");
        }
        if (to != null && to.endsWith(".dlq")) {
            throw OpsFailure.usage("--to names a dead-letter topic (" + to + "): name the topic to redrive into.");
        }
        if (group.isBlank()) {
            throw OpsFailure.usage("--group must not be blank.");
        }
        return new RedriveSettings(from, to, dryRun, limit == null ? Long.MAX_VALUE : limit,
                reasonContains == null || reasonContains.isEmpty() ? null : reasonContains, group, includeRedacted,
                batchSize);
    }

    static String line(Outcome outcome, boolean dryRun) {
        String where = outcome.partition() + "@" + outcome.offset() + " key " + outcome.key();
        String was = outcome.reason() == null ? "" : " (was: " + firstLine(outcome.reason()) + ")";
        if (outcome.redriven()) {
            return (dryRun ? "would redrive " : "redriven ") + where + " -> " + outcome.target() + was;
        }
        String note = outcome.deadLetter() != null && outcome.deadLetter().redacted()
                && !outcome.deadLetter().credentialsSealed()
                ? " [" + outcome.deadLetter().redaction() + "]" : "";
        return "skipped " + where + ": " + outcome.skipped() + note + was;
    }

    static String summary(RedriveReport report, boolean dryRun) {
        String skipped = report.skippedBy().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return (dryRun ? "dry run, nothing produced or committed; would redrive: " : "redriven: ") + report.redriven()
                + ", skipped: " + report.skipped() + (skipped.isEmpty() ? "" : " (" + skipped + ")")
                + ", remaining: " + report.remaining();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
