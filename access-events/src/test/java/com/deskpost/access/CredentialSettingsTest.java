package com.deskpost.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.credential.CredentialAutoConfiguration;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/**
 * access-events.yml gives the composer a sealer: on its defaults, the published development key (whose
 * private half delivery's development settings hold), and whatever DESKPOST_CREDENTIAL_PUBLIC_KEYS names.
 */
class CredentialSettingsTest {

    private static final String DEV_PRIVATE_KEY = "dev-only-2026-12:j81NIN17Bw3OuD4_wBOYANxCsdh_5b8spVs0GWW6f5E";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CredentialAutoConfiguration.class))
            .withInitializer(context -> {
                try {
                    new YamlPropertySourceLoader().load("access-events.yml", new ClassPathResource("access-events.yml"))
                            .forEach(context.getEnvironment().getPropertySources()::addLast);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

    @Test
    void onItsDefaultsTheComposerSealsForTheDevelopmentKeyDeliveryOpensInDevelopment() {
        service.run(context -> {
            CredentialSealer sealer = context.getBean(CredentialSealer.class);
            assertThat(sealer.current().id()).isEqualTo("dev-only-2026-12");
            CredentialOpener delivery = new CredentialOpener(List.of(CredentialKeys.parsePrivate(DEV_PRIVATE_KEY, "dev")));
            assertThat(delivery.open(sealer.seal("4821-7730", "LDN", "ADA"), "LDN", "ADA")).isEqualTo("4821-7730");
        });
    }

    @Test
    void theVariableNamesTheKeysCurrentFirst() {
        String current = CredentialKeys.generate("2027-01").publicKey().text();
        String previous = CredentialKeys.generate("2026-12").publicKey().text();

        service.withSystemProperties("DESKPOST_CREDENTIAL_PUBLIC_KEYS=" + current + "," + previous).run(context ->
                assertThat(context.getBean(CredentialSealer.class).keys())
                        .extracting(CredentialKeys.PublicKey::id).containsExactly("2027-01", "2026-12"));
    }
}
