package com.deskpost.delivery.credential;

import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialProperties;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Delivery is the one service that opens sealed credentials, so it always has a {@link CredentialOpener},
 * and is the only one to configure it: from {@code deskpost.credentials.private-keys} or from the
 * file {@code deskpost.credentials.private-key-file}. A key that cannot be used stops the start, with the
 * setting named.
 *
 * <p>delivery-service.yml lets the private keys fall back to the file variable when only the file is set,
 * so that the development key (refused outside the dev profile) is not resolved then: private-keys
 * holding exactly the file's path means "the file only".
 */
@Configuration
class DeliveryCredentials {

    static final String FILE = "deskpost.credentials.private-key-file";

    @Bean
    CredentialOpener credentialOpener(CredentialProperties properties, Environment environment) {
        String file = environment.getProperty(FILE, "").strip();
        List<String> keys = properties.privateKeys();
        try {
            if (file.isEmpty()) {
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("deskpost.credentials.private-keys is empty: delivery needs"
                            + " at least one private key to open the credentials in access mail");
                }
                return new CredentialProperties(List.of(), keys, null).opener();
            }
            if (!keys.isEmpty() && !keys.equals(List.of(file))) {
                throw new IllegalArgumentException("deskpost.credentials.private-keys and " + FILE
                        + " are both set: set one");
            }
            return new CredentialProperties(List.of(), List.of(), Path.of(file)).opener();
        } catch (IllegalArgumentException | UncheckedIOException unusable) {
            // The platform's messages name the setting and never the key material.
            throw new InvalidCredentialKeys(unusable.getMessage(), unusable);
        }
    }
}
