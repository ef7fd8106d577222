package com.deskpost.community.inbound;

/** A webhook request that cannot be taken as a mail; the field at fault and what to send instead. */
final class InvalidInbound extends RuntimeException {

    private final String field;

    InvalidInbound(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
