package com.deskpost.platform.credential;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * The HPKE info a credential is sealed under: "deskpost-credential-v1", the location id and the member
 * id it belongs to (the holder, or the sponsor of a visitor or contractor), joined by NUL bytes. Sealing
 * to the location and member means a sealed value copied into another member's mail does not open:
 * delivery opens it only with the location and {@code about_member_id} of the draft it arrives in.
 */
public final class CredentialContext {

    static final String LABEL = "deskpost-credential-v1";

    private CredentialContext() {
    }

    public static byte[] info(String locationId, String memberId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LABEL.getBytes(UTF_8));
        out.write(0);
        out.writeBytes((locationId == null ? "" : locationId).getBytes(UTF_8));
        out.write(0);
        out.writeBytes((memberId == null ? "" : memberId).getBytes(UTF_8));
        return out.toByteArray();
    }
}
