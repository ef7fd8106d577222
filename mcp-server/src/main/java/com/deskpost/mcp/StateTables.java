package com.deskpost.mcp;

import com.deskpost.mcp.inbound.InboundMail;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.erasure.Erasures;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.serde.AvroSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The global tables the tools read: the member and location directories (to address and scope
 * agent mail) and received mail; the erasures announced on mail.consent, and the sub-topology that keeps the
 * received-mail table's own topic free of erased people and old mail ({@link InboundMail}).
 */
@Component
class StateTables {

    @Autowired
    void register(StreamsBuilder builder, AvroSerdes serdes, Pseudonyms pseudonyms) {
        DirectoryTables.register(builder, serdes);
        Erasures.register(builder, serdes, pseudonyms);
        InboundMail.register(builder, serdes, pseudonyms);
    }
}
