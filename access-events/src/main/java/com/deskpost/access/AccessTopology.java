package com.deskpost.access;

import com.deskpost.access.composer.AccessComposer;
import com.deskpost.access.composer.AccessEventHandler;
import com.deskpost.access.composer.LateReports;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.TemplateOverrideTable;
import com.deskpost.platform.streams.EventRouting;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * facility.access joined with the member and location directories (global tables), composed into
 * scoped drafts on the priority lane, entity versions and audit events, in one exactly-once
 * transaction per event. Credentials are sealed with Deskpost's public keys
 * ({@code deskpost.credentials.public-keys}) as the composer reads them, and stay sealed in dead
 * letters. Its one store is where events wait for a member or location the directory lacks yet
 * (EventRouting's parking store): they rest there sealed, as in a dead letter, so no credential is ever
 * written to a store or changelog in clear. A moment a door reports late is noted in its mail past
 * {@code deskpost.access.late.note-after} and only audited past {@code deskpost.access.late.mail-within}.
 */
@Configuration
class AccessTopology {

    @Autowired
    void register(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates,
            ObjectProvider<CredentialSealer> sealers,
            @Value("${deskpost.access.late.note-after:15m}") Duration noteAfter,
            @Value("${deskpost.access.late.mail-within:24h}") Duration mailWithin) {
        CredentialSealer sealer = sealers.getIfAvailable();
        if (sealer == null) {
            throw new IllegalStateException("The access composer seals door codes and keycodes as it reads them and"
                    + " has no key to seal with: set DESKPOST_CREDENTIAL_PUBLIC_KEYS (deskpost.credentials.public-keys)"
                    + " to Deskpost's public credential keys, current first (docs/sealed-credentials.md)");
        }
        build(builder, serdes, templates, sealer, new LateReports(noteAfter, mailWithin));
    }

    void build(StreamsBuilder builder, AvroSerdes serdes, TemplateRenderer templates, CredentialSealer sealer,
            LateReports late) {
        AccessComposer composer = new AccessComposer(templates, sealer, late, Clock.systemUTC());
        DirectoryTables.register(builder, serdes);
        // Staff's active template overrides (mail.templates), read by the renderer before its built-in templates.
        TemplateOverrideTable.register(builder, serdes, templates);
        EventRouting.route(builder, Topics.FACILITY_ACCESS, serdes, sealer,
                stores -> new AccessEventHandler(composer, DirectoryTables.view(stores)));
    }
}
