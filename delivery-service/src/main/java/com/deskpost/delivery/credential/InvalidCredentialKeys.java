package com.deskpost.delivery.credential;

/**
 * Delivery's private credential keys cannot be used (a key that does not parse, a file that cannot be
 * read, no key at all, keys given twice): without them no access mail could be sent, so the service
 * refuses to start. The message names the setting, never the key material.
 */
public class InvalidCredentialKeys extends IllegalStateException {

    InvalidCredentialKeys(String message, Throwable cause) {
        super("Credential keys: " + message, cause);
    }
}
