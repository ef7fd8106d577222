package com.deskpost.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under the checkpoint secret over length-prefixed fields: what makes checkpoints and archive
 * records tamper-evident. A hash chain alone proves nothing against someone who can write the table, for
 * they can recompute every hash after an edit; they cannot recompute a seal without the secret, which
 * lives only in the service's settings.
 */
public final class ChainSeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ChainSeal(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String seal(String... fields) {
        StringBuilder content = new StringBuilder();
        for (String field : fields) {
            content.append(field == null ? "-1:" : field.length() + ":" + field);
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** Whether the seal is this secret's over these fields; compared in constant time. */
    public boolean verifies(String seal, String... fields) {
        return seal != null && MessageDigest.isEqual(seal.getBytes(StandardCharsets.UTF_8),
                seal(fields).getBytes(StandardCharsets.UTF_8));
    }
}
