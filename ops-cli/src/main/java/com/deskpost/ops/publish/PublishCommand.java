package com.deskpost.ops.publish;

import com.deskpost.ops.KafkaOptions;
import com.deskpost.ops.OpsFailure;
import com.deskpost.platform.topic.EventKeys;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.json.AvroJson;
import com.deskpost.schemas.json.InvalidJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Publishes one facility event written as Avro JSON, as a facility system would: validated
 * against the topic's schema before anything is sent, keyed as the contract says, Confluent
 * framed, acknowledged by all in-sync replicas.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish one facility event from Avro JSON (a file, or - for standard input): validated against"
                + " the topic's schema, keyed by the contract (booking id, member id, ...); prints topic, partition"
                + " and offset. An invalid document prints the field path and produces nothing.")
public final class PublishCommand implements Callable<Integer> {

    static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "A facility topic: facility.bookings, facility.access, facility.billing, facility.community,"
                    + " facility.members or facility.locations.")
    String topic;

    @Option(names = "--file", paramLabel = "FILE", description = "The event in Avro JSON; - reads standard input.")
    String file;

    @Parameters(arity = "0..1", paramLabel = "-", description = "Read the event from standard input.")
    String positional;

    private final InputStream stdin;

    public PublishCommand() {
        this(System.in);
    }

    PublishCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        Topic<?> target = facilityTopic();
        String source = source();
        SpecificRecord event = decode(target, source, read(source));
        String key = EventKeys.keyOf(target.name(), event);
        RecordMetadata sent = RecordSender.publish(kafka, target, key, event, "the event");
        spec.commandLine().getOut().println("published " + sent.topic() + " partition " + sent.partition()
                + " offset " + sent.offset() + " key " + key);
        return 0;
    }

    private Topic<?> facilityTopic() {
        try {
            return EventKeys.facilityTopic(topic);
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage("--topic " + topic + " is not a facility topic: name one of "
                    + EventKeys.facilityTopics().stream().map(Topic::name).toList() + ".");
        }
    }

    private String source() {
        if (file != null && positional != null) {
            throw OpsFailure.usage("Pass either --file FILE or - (standard input), not both.");
        }
        String source = file != null ? file : positional;
        if (source == null) {
            throw OpsFailure.usage("Name the event: --file event.json, or - to read standard input.");
        }
        if (positional != null && !STDIN.equals(positional)) {
            throw OpsFailure.usage("Unexpected argument '" + positional + "': use --file " + positional
                    + " for a file, or - for standard input.");
        }
        return source;
    }

    private String read(String source) {
        try {
            if (STDIN.equals(source)) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OpsFailure.usage("Cannot read " + (STDIN.equals(source) ? "standard input" : source) + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): pass a readable JSON file.");
        }
    }

    static SpecificRecord decode(Topic<?> target, String source, String json) {
        try {
            return AvroJson.decode(target.valueType(), json);
        } catch (InvalidJsonException e) {
            String where = e.malformed() ? " (line " + e.line() + ", column " + e.column() + ")" : "";
            throw OpsFailure.usage((STDIN.equals(source) ? "standard input" : source) + " is not a valid "
                    + target.valueType().getSimpleName() + " for " + target.name() + ": " + e.path() + where + ": "
                    + e.problem() + "; nothing was published.");
        }
    }
}
