package com.deskpost.delivery.sending.dkim;

/** A {@code deskpost.delivery.dkim} setting the service cannot sign with; it refuses to start. */
public class InvalidDkimSettings extends IllegalStateException {

    InvalidDkimSettings(String message) {
        super("DKIM: " + message);
    }

    InvalidDkimSettings(String message, Throwable cause) {
        super("DKIM: " + message, cause);
    }
}
