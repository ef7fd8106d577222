package com.deskpost.mcp;

import com.deskpost.mcp.inbound.InboundMail;
import com.deskpost.platform.directory.DirectoryTables;
import com.deskpost.platform.serde.AvroSerdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The global tables the tools read: the member and location directories (to address and scope
 * agent mail) and received mail. Nothing else runs in this server's Kafka Streams application.
 */
@Component
class StateTables {

    @Autowired
    void register(StreamsBuilder builder, AvroSerdes serdes) {
        DirectoryTables.register(builder, serdes);
        InboundMail.register(builder, serdes);
    }
}
