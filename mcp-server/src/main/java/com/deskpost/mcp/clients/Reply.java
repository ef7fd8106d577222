package com.deskpost.mcp.clients;

import java.util.Map;

/**
 * A JSON answer from a Deskpost service: its status and body (a map or a list). The services'
 * errors are {@code {"error": code, "message": sentence}}.
 */
public record Reply(int status, Object body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The service's error code, e.g. {@code own_draft}, or {@code http_<status>} when it gave none. */
    public String errorCode() {
        Object code = map().get("error");
        return code == null ? "http_" + status : code.toString();
    }

    public String message() {
        Object message = map().get("message");
        return message == null ? String.valueOf(body) : message.toString();
    }
}
