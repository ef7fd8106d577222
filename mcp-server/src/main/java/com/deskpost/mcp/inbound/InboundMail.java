package com.deskpost.mcp.inbound;

import com.deskpost.events.InboundEmail;
import com.deskpost.platform.erasure.ErasureSweep;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.GlobalStores;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Mail received from outside (replies, inquiries, unsubscribes), from mail.inbound, held as a
 * global table keyed by Message-ID so every instance can answer from it. The table is built from the server's own
 * copy of mail.inbound ({@link ReceivedMail}, written by {@link InboundKeeper}), which drops an erased person's mail
 * and mail older than {@link InboundKeeper#KEPT} with tombstones, so a rebuilt table holds neither. Its text is
 * whatever the sender wrote: callers hand it to agents only through {@link UntrustedContent}.
 */
public class InboundMail {

    public static final String STORE = "mcp-inbound-mail";

    private final GlobalStores stores;

    public InboundMail(GlobalStores stores) {
        this.stores = stores;
    }

    /** The global table, and the sub-topology that keeps its topic; {@link Erasures} must be registered too. */
    public static void register(StreamsBuilder builder, AvroSerdes serdes, Pseudonyms pseudonyms) {
        register(builder, serdes, pseudonyms, ErasureSweep.INTERVAL);
    }

    /** As {@link #register(StreamsBuilder, AvroSerdes, Pseudonyms)}, erasures looked for every {@code sweepInterval}. */
    static void register(StreamsBuilder builder, AvroSerdes serdes, Pseudonyms pseudonyms, Duration sweepInterval) {
        builder.globalTable(ReceivedMail.TOPIC.name(),
                Consumed.with(Serdes.String(), serdes.serde(ReceivedMail.TOPIC)), Materialized.as(STORE));
        builder.addStateStore(ErasureSweep.store(InboundKeeper.APPLIED_STORE));
        builder.stream(Topics.MAIL_INBOUND.name(), Consumed.with(Serdes.String(), serdes.serde(Topics.MAIL_INBOUND))
                        .withName(Topics.MAIL_INBOUND.name() + "-in"))
                .process(() -> new InboundKeeper(pseudonyms, sweepInterval), Named.as("mcp-inbound-keeper"),
                        InboundKeeper.APPLIED_STORE)
                .to(ReceivedMail.TOPIC.name(), Produced.with(Serdes.String(), serdes.serde(ReceivedMail.TOPIC))
                        .withName("mcp-inbound-keeper-out"));
    }

    public Optional<InboundEmail> byMessageId(String messageId) {
        return Optional.ofNullable(stores.<InboundEmail>store(STORE).get(messageId)).map(v -> v.value());
    }

    /** Newest first: mail to or from the address (either, when null), received in [since, until), subject containing. */
    public List<InboundEmail> find(String address, Instant since, Instant until, String subject, int limit) {
        String wanted = address == null ? null : DraftIds.normaliseEmail(address);
        String fragment = subject == null ? null : subject.toLowerCase(Locale.ROOT);
        return stores.<InboundEmail>all(STORE).stream()
                .filter(mail -> wanted == null || DraftIds.normaliseEmail(mail.getFromAddress()).equals(wanted)
                        || mail.getTo().stream().map(DraftIds::normaliseEmail).anyMatch(wanted::equals))
                .filter(mail -> since == null || !mail.getReceivedAt().isBefore(since))
                .filter(mail -> until == null || mail.getReceivedAt().isBefore(until))
                .filter(mail -> fragment == null || mail.getSubject().toLowerCase(Locale.ROOT).contains(fragment))
                .sorted(Comparator.comparing(InboundEmail::getReceivedAt).reversed())
                .limit(limit)
                .toList();
    }

    /** Mail answering any of these Message-IDs (In-Reply-To or References), oldest first. */
    public List<InboundEmail> repliesTo(List<String> messageIds) {
        return stores.<InboundEmail>all(STORE).stream()
                .filter(mail -> messageIds.contains(mail.getInReplyTo())
                        || mail.getReferences().stream().anyMatch(messageIds::contains))
                .sorted(Comparator.comparing(InboundEmail::getReceivedAt))
                .toList();
    }
}
