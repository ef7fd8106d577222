package com.deskpost.mcp.clients;

/** A Deskpost service did not answer (connection refused, time-out): the agent may retry later. */
public class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
