package com.deskpost.mcp.tools;

/**
 * A tool call that cannot be carried out, in terms an agent can act on: a stable code, what was
 * wrong, and what to do instead. Returned to the agent as a tool result with {@code isError}, and
 * audited as a refused call.
 */
public class ToolError extends RuntimeException {

    private final String code;
    private final String hint;
    private final String field;
    private final String draftId;

    public ToolError(String code, String message, String hint, String field, String draftId) {
        super(message);
        this.code = code;
        this.hint = hint;
        this.field = field;
        this.draftId = draftId;
    }

    /** An argument that is missing or malformed. */
    public static ToolError invalid(String field, String message, String hint) {
        return new ToolError("invalid_argument", message, hint, field, null);
    }

    /** A request the rules refuse, e.g. a decision on one's own draft. */
    public static ToolError refused(String code, String message, String hint, String draftId) {
        return new ToolError(code, message, hint, null, draftId);
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public String field() {
        return field;
    }

    public String draftId() {
        return draftId;
    }
}
