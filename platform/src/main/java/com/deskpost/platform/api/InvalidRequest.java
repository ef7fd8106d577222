package com.deskpost.platform.api;

/** A request the API refuses as it stands (HTTP 400), naming the field to fix. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
