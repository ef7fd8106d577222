package com.deskpost.mcp.inbound;

import com.deskpost.events.InboundEmail;
import com.deskpost.platform.topic.Partitioning;
import com.deskpost.platform.topic.Topic;

/**
 * The MCP server's own copy of received mail, keyed by Message-ID: what its global table of received mail is built
 * from. Its own topic, not mail.inbound, because the server must be able to delete from it: an erased person's mail
 * and mail past {@link InboundKeeper#KEPT} get tombstones here, which compaction turns into deletion, and a table
 * rebuilt from it (a new instance, a wiped state directory) never holds them again. Internal: written only by this
 * server, in its exactly-once transactions.
 */
public final class ReceivedMail {

    public static final Topic<InboundEmail> TOPIC = Topic.internal("deskpost.mcp.inbound-mail", InboundEmail.class,
            Topic.Kind.COMPACTED, Partitioning.LOW_VOLUME);

    private ReceivedMail() {
    }
}
