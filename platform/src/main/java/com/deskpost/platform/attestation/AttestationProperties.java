package com.deskpost.platform.attestation;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret oversight attests released mail with and delivery checks it against.
 *
 * @param secret the current secret: oversight signs with it, delivery accepts it
 * @param previousSecrets secrets delivery still accepts while records attested with them may be in
 *        flight (rotation: add the old secret here, change {@code secret} in both services, remove
 *        the old one once every lane has drained)
 */
@ConfigurationProperties("deskpost.attestation")
public record AttestationProperties(String secret, List<String> previousSecrets) {

    public AttestationProperties {
        // An unset DESKPOST_ATTESTATION_PREVIOUS_SECRETS binds as one blank entry: no previous secret.
        previousSecrets = previousSecrets == null ? List.of()
                : previousSecrets.stream().filter(previous -> previous != null && !previous.isBlank()).toList();
    }

    public ReleaseAttestation attestation() {
        return new ReleaseAttestation(secret, previousSecrets);
    }
}
