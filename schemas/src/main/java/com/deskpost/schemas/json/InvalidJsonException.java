package com.deskpost.schemas.json;

/**
 * A JSON document that is not a valid value of its Avro schema: either not JSON at all
 * ({@link #malformed()}, with the line and column the parser stopped at) or JSON that breaks the
 * schema at {@link #path()} (e.g. {@code $.payload.guests[2].email}) for the reason
 * {@link #problem()} (e.g. {@code expected string, got number}).
 */
public final class InvalidJsonException extends RuntimeException {

    private final String path;
    private final String problem;
    private final int line;
    private final int column;

    public InvalidJsonException(String path, String problem) {
        this(path, problem, -1, -1, null);
    }

    private InvalidJsonException(String path, String problem, int line, int column, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** The document could not be parsed as JSON; line and column are 1-based as the parser reports them. */
    public static InvalidJsonException malformed(String problem, int line, int column, Throwable cause) {
        return new InvalidJsonException("$", problem, line, column, cause);
    }

    /** JSON path of the offending value, {@code $} for the document itself. */
    public String path() {
        return path;
    }

    /** What is wrong there, in words a person can act on. */
    public String problem() {
        return problem;
    }

    /** True when the text is not JSON at all (as opposed to JSON that breaks the schema). */
    public boolean malformed() {
        return line > 0;
    }

    /** Line where parsing failed, or -1 for a schema violation. */
    public int line() {
        return line;
    }

    /** Column where parsing failed, or -1 for a schema violation. */
    public int column() {
        return column;
    }
}
