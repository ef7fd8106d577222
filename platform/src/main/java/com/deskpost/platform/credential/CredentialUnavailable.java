package com.deskpost.platform.credential;

/**
 * A sealed credential delivery cannot open: sealed under a key it no longer holds (retired), altered,
 * sealed for another location or member, or malformed. The message says which and never carries the value.
 */
public final class CredentialUnavailable extends RuntimeException {

    private final String keyId;

    public CredentialUnavailable(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    /** The key id the value names, or null when it was too malformed to name one. */
    public String keyId() {
        return keyId;
    }
}
