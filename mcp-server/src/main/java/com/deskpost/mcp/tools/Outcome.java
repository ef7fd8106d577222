package com.deskpost.mcp.tools;

import java.util.Map;

/**
 * What a tool call did: the result the agent reads, and what its audit record names (the draft,
 * recipient and location concerned, and a sentence). {@code audited} when the tool already wrote
 * the call's audit record itself, in the same transaction as its effect (send_email).
 */
public record Outcome(Map<String, Object> result, String draftId, String recipient, String locationId,
        String summary, boolean audited) {

    public static Outcome of(Map<String, Object> result, String summary) {
        return new Outcome(result, null, null, null, summary, false);
    }

    public Outcome about(String draftId, String recipient, String locationId) {
        return new Outcome(result, draftId, recipient, locationId, summary, audited);
    }
}
