package com.deskpost.ops.decide;

import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.DecisionAction;
import com.deskpost.ops.KafkaOptions;
import com.deskpost.ops.OpsFailure;
import com.deskpost.ops.publish.RecordSender;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.proof.DecisionProof;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Decides on a held draft through mail.decisions, as an ops tool: the decision is signed with a
 * decision key oversight knows ({@link DecisionProof}), so oversight can tell who decided. The
 * key's secret comes from an environment variable or a file, never the command line, where any
 * user of the machine could read it in the process list. Oversight still applies its rules
 * (approver of the location, not one's own draft, ...) and audits a refusal.
 */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Approve, reject or edit-and-approve a held draft: signs the decision with a decision key and"
                + " publishes it on mail.decisions; prints the decision id, partition and offset. The key's secret"
                + " is read from --key-file or the environment variable DESKPOST_DECISION_KEY_SECRET.")
public final class DecideCommand implements Callable<Integer> {

    public static final String SECRET_ENV = "DESKPOST_DECISION_KEY_SECRET";

    enum Action {
        APPROVE(DecisionAction.APPROVE), REJECT(DecisionAction.REJECT), EDIT_AND_APPROVE(DecisionAction.EDIT_AND_APPROVE);

        final DecisionAction avro;

        Action(DecisionAction avro) {
            this.avro = avro;
        }

        static Action parse(String value) {
            return valueOf(value.strip().toUpperCase().replace('-', '_'));
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--draft", required = true, paramLabel = "DRAFT_ID", description = "The held draft's id.")
    String draftId;

    @Option(names = "--action", required = true, paramLabel = "ACTION", converter = ActionConverter.class,
            description = "approve, reject or edit-and-approve.")
    Action action;

    @Option(names = "--as", required = true, paramLabel = "MEMBER_ID",
            description = "The approver deciding (an approver of the draft's location; the key must be allowed"
                    + " to decide for them).")
    String decidedBy;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; required to reject.")
    String reason;

    @Option(names = "--subject", paramLabel = "TEXT", description = "New subject, for edit-and-approve.")
    String subject;

    @Option(names = "--body-file", paramLabel = "FILE", description = "New plain-text body, for edit-and-approve.")
    Path bodyFile;

    @Option(names = "--key-id", required = true, paramLabel = "ID",
            description = "The decision key's id, as in oversight's deskpost.oversight.decision-keys.")
    String keyId;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "A file holding the key's secret (else the environment variable " + SECRET_ENV + ").")
    Path keyFile;

    @Option(names = "--decision-id", paramLabel = "ID",
            description = "The decision's id (default: a random UUID); repeating a decision with its id is harmless.")
    String decisionId;

    private final Map<String, String> environment;

    public DecideCommand() {
        this(System.getenv());
    }

    DecideCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    static final class ActionConverter implements picocli.CommandLine.ITypeConverter<Action> {
        @Override
        public Action convert(String value) {
            try {
                return Action.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not an action: use approve, reject or edit-and-approve");
            }
        }
    }

    @Override
    public Integer call() {
        String editedBody = checkedEdit();
        if (action == Action.REJECT && (reason == null || reason.isBlank())) {
            throw OpsFailure.usage("A rejection needs --reason TEXT; nothing was published.");
        }
        String secret = secret();
        String id = decisionId == null ? UUID.randomUUID().toString() : decisionId;
        ApprovalDecision decision = DecisionProof.sign(ApprovalDecision.newBuilder()
                .setDecisionId(id).setDraftId(draftId).setAction(action.avro).setDecidedBy(decidedBy)
                .setReason(reason).setEditedSubject(subject).setEditedBodyText(editedBody)
                .setDecidedAt(Instant.now()).build(), keyId, secret);
        RecordMetadata sent = RecordSender.publish(kafka, Topics.MAIL_DECISIONS, draftId, decision, "the decision");
        spec.commandLine().getOut().println("published decision " + id + " (" + action.name().toLowerCase().replace('_', '-')
                + " of draft " + draftId + " as " + decidedBy + ", signed with key " + keyId + ") to "
                + sent.topic() + " partition " + sent.partition() + " offset " + sent.offset()
                + "; oversight audits it as APPROVED, REJECTED or DECISION_REFUSED (ops-cli history " + draftId + ")");
        return 0;
    }

    /** The edited body, checking that edits come only with edit-and-approve and that it has one. */
    private String checkedEdit() {
        boolean edits = subject != null || bodyFile != null;
        if (edits && action != Action.EDIT_AND_APPROVE) {
            throw OpsFailure.usage("--subject and --body-file go with --action edit-and-approve; nothing was published.");
        }
        if (action == Action.EDIT_AND_APPROVE && !edits) {
            throw OpsFailure.usage("edit-and-approve needs --subject TEXT and/or --body-file FILE; nothing was published.");
        }
        if (bodyFile == null) {
            return null;
        }
        try {
            return Files.readString(bodyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OpsFailure.usage("Cannot read --body-file " + bodyFile + " (" + e.getMessage()
                    + "): pass a readable UTF-8 text file; nothing was published.");
        }
    }

    private String secret() {
        String secret;
        if (keyFile != null) {
            try {
                secret = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw OpsFailure.usage("Cannot read --key-file " + keyFile + " (" + e.getMessage()
                        + "): pass a readable file holding the decision key's secret.");
            }
        } else {
            secret = environment.get(SECRET_ENV);
            if (secret == null || secret.isBlank()) {
                throw OpsFailure.usage("No decision key secret: set " + SECRET_ENV + " or pass --key-file FILE"
                        + " (never the secret itself on the command line); nothing was published.");
            }
            secret = secret.strip();
        }
        if (secret.length() < DecisionProof.MIN_SECRET_LENGTH) {
            throw OpsFailure.usage("The decision key secret has " + secret.length() + " characters; oversight"
                    + " accepts keys of at least " + DecisionProof.MIN_SECRET_LENGTH + ": check the key; nothing was"
                    + " published.");
        }
        return secret;
    }
}
