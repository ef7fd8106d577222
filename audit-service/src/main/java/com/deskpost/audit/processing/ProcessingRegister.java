package com.deskpost.audit.processing;

import com.deskpost.audit.chain.AuditChainProperties;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Builds the Art. 30 register from the configured records of processing and the retention audit-service knows:
 * its own trail's (archive settings), every topic's (platform's topic rule, the broker's retention as configured
 * here), and the other services' stores as {@code deskpost.processing.stores} states them.
 */
@Component
class ProcessingRegister {

    private static final String NOT_BY_TIME = "not deleted by time";

    private final RecordsOfProcessing records;
    private final ProcessingProperties settings;
    private final AuditChainProperties chains;
    private final ActivityCounts counts;

    ProcessingRegister(RecordsOfProcessing records, ProcessingProperties settings, AuditChainProperties chains,
            ActivityCounts counts) {
        this.records = records;
        this.settings = settings;
        this.chains = chains;
        this.counts = counts;
    }

    Register register(Clock clock) {
        List<RecordsOfProcessing.Activity> activities = records.activities();
        Map<String, Long> stored = counts.of(activities.stream().map(RecordsOfProcessing.Activity::id).toList());
        List<Register.Entry> entries = activities.stream().map(activity -> {
            ProcessingActivity processing = activity.processing();
            return new Register.Entry(activity.id(), activity.covers(), processing.purpose(),
                    processing.lawfulBasis().name(), processing.lawfulBasis().article(), processing.whyThisBasis(),
                    processing.dataSubjects(), processing.personalData(), stored.getOrDefault(activity.id(), 0L));
        }).toList();
        return new Register(clock.instant(), settings.controller(), settings.recipients(), settings.transfers(),
                retention(), settings.securityMeasures(), entries);
    }

    private List<Register.Retention> retention() {
        List<Register.Retention> kept = new ArrayList<>();
        AuditChainProperties.Archive archive = chains.archive();
        kept.add("-".equals(archive.cron())
                ? new Register.Retention("audit-service audit_log: every transition of every mail", NOT_BY_TIME,
                        "archiving is off (deskpost.audit.archive.cron); an erasure pseudonymises the person's rows")
                : new Register.Retention("audit-service audit_log: every transition of every mail",
                        keep(archive.retention()), "deskpost.audit.archive.retention; then in the archive files in "
                                + archive.directory() + ", kept by the operator"));
        Map<Topic.Kind, String> byKind = Topics.ALL.stream().collect(Collectors.groupingBy(Topic::kind,
                LinkedHashMap::new, Collectors.mapping(Topic::name, Collectors.joining(", "))));
        byKind.forEach((kind, names) -> kept.add(switch (kind) {
            case EVENTS -> new Register.Retention("Kafka topics " + names, keep(settings.brokerRetention()),
                    "the broker's log.retention (deskpost.processing.broker-retention)");
            case SHORT_LIVED -> new Register.Retention("Kafka topics " + names, keep(Topic.SHORT_RETENTION),
                    "platform topic rule: credentials a facility system sent in clear must not linger");
            case COMPACTED -> new Register.Retention("Kafka topics " + names, NOT_BY_TIME,
                    "compacted: the latest record per key, until the key is deleted");
            case KEPT -> new Register.Retention("Kafka topics " + names, NOT_BY_TIME,
                    "never aged out: a rebuilt consent table folds the whole topic");
        }));
        kept.add(new Register.Retention("Kafka dead-letter topics (<topic>.dlq)", keep(Topic.DEAD_LETTER_RETENTION),
                "platform topic rule: dead letters wait for a person to redrive them"));
        settings.stores().forEach(store -> kept.add(new Register.Retention(store.what(),
                store.keep() == null ? NOT_BY_TIME : keep(store.keep()), store.setting())));
        return kept;
    }

    static String keep(Duration period) {
        if (period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()))) {
            return period.toDays() + (period.toDays() == 1 ? " day" : " days");
        }
        if (period.toHours() > 0 && period.equals(Duration.ofHours(period.toHours()))) {
            return period.toHours() + (period.toHours() == 1 ? " hour" : " hours");
        }
        return period.toString();
    }
}
