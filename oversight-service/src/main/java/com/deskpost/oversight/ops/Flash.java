package com.deskpost.oversight.ops;

import java.io.Serializable;

/**
 * A one-line message about the last action, shown once on the page the action redirects to.
 * Serializable because it waits in the HTTP session across that redirect.
 */
record Flash(Kind kind, String text) implements Serializable {

    enum Kind { OK, ERROR }

    static Flash ok(String text) {
        return new Flash(Kind.OK, text);
    }

    static Flash error(String text) {
        return new Flash(Kind.ERROR, text);
    }

    /** CSS class. */
    String style() {
        return kind == Kind.OK ? "ok" : "error";
    }

    /** An error interrupts a screen reader; a confirmation waits its turn. */
    String role() {
        return kind == Kind.OK ? "status" : "alert";
    }
}
