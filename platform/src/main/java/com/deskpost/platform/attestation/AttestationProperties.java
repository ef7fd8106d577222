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
        previousSecrets = previousSecrets == null ? List.of() : List.copyOf(previousSecrets);
    }

    public ReleaseAttestation attestation() {
        return new ReleaseAttestation(secret, previousSecrets);
    }
}
