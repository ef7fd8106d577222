package com.deskpost.mcp.tools;

import com.deskpost.mcp.agent.Agent;
import java.time.Instant;

/**
 * One tool call: who made it, which tool, over which transport, and its id (the correlation id
 * of its audit record).
 */
public record Call(String id, Agent agent, String tool, String transport, Instant at) {
}
