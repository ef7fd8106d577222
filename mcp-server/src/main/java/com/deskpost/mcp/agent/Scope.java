package com.deskpost.mcp.agent;

import java.util.Locale;

/** What an agent credential allows. {@link #SEND} and {@link #OVERSIGHT} never go together (separation of duties). */
public enum Scope {
    /** send_email, cancel_message (its own held drafts). */
    SEND,
    /** check_inbox, read_email, get_thread, get_sent_mail. */
    READ,
    /** list_pending, decide_email. */
    OVERSIGHT,
    /** tag_email, manage_contacts. */
    CONTACTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scope parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown scope '" + value + "'; scopes are send, read, oversight, contacts");
        }
    }
}
