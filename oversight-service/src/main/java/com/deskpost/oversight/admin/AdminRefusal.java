package com.deskpost.oversight.admin;

/**
 * A change an admin asked for and that was not made, with a code for programs and a message a person can act on.
 * The API answers it as JSON with {@link #status()}; the ops page shows the message.
 */
public final class AdminRefusal extends RuntimeException {

    private final int status;
    private final String code;

    AdminRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static AdminRefusal invalid(String code, String message) {
        return new AdminRefusal(400, code, message);
    }

    static AdminRefusal notFound(String code, String message) {
        return new AdminRefusal(404, code, message);
    }

    static AdminRefusal conflict(String code, String message) {
        return new AdminRefusal(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
