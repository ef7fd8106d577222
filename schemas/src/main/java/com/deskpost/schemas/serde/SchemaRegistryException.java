package com.deskpost.schemas.serde;

/**
 * The schema registry refused a request or could not be reached. The message names the URL,
 * the HTTP status and the registry's own error code and message.
 */
public class SchemaRegistryException extends RuntimeException {

    /** {@link #httpStatus()} when no HTTP answer arrived (connection refused, timeout). */
    public static final int NO_RESPONSE = 0;

    private final String url;
    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    SchemaRegistryException(String message, String url, int httpStatus, int errorCode, String registryMessage,
            Throwable cause) {
        super(message, cause);
        this.url = url;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    /** The request URL. */
    public String url() {
        return url;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} (e.g. 40403 schema not found), or 0 when the answer carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own {@code message}, or a description of why there was no answer. */
    public String registryMessage() {
        return registryMessage;
    }
}
