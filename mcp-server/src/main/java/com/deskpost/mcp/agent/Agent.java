package com.deskpost.mcp.agent;

import java.util.Set;

/**
 * An authenticated AI agent: its credential's id and scopes. Everything it does in Deskpost carries
 * {@link #identity()}: drafts it sends are requested by it, decisions it makes are decided by it,
 * and every call is audited with it as the actor.
 */
public record Agent(String id, Set<Scope> scopes) {

    public Agent {
        scopes = Set.copyOf(scopes);
    }

    /** The identity Deskpost knows the agent by, e.g. {@code agent:front-desk}. */
    public String identity() {
        return "agent:" + id;
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
