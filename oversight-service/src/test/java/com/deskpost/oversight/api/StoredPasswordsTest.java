package com.deskpost.oversight.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class StoredPasswordsTest {

    private static final String BCRYPT = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a real password");

    @Test
    void outsideTheDevProfileOnlyHashedPasswordsAreAcceptedAndTheOthersAreNamedWithoutTheirValue() {
        // Given a staff account stored as a fast digest, a gateway and a subject-access client in clear text
        StaffProperties accounts = new StaffProperties(
                List.of(new StaffProperties.Account("ops", BCRYPT, "Ops", false),
                        new StaffProperties.Account("lead", "{sha256}9f86d081884c7d659a2feaa0c55ad015", "Lead", false)),
                List.of(new StaffProperties.Gateway("mcp-server", "{noop}hunter2-gateway", List.of("front-desk"))),
                List.of(new StaffProperties.SubjectAccessClient("delivery-service", "{noop}hunter3-delivery")));

        // When the production start checks them
        Throwable refused = catchThrowable(() -> StoredPasswords.check(accounts, profile("production")));

        // Then each is named, with what to do, and no stored value is shown
        assertThat(refused).hasMessageContainingAll("deskpost.oversight.staff[1].password is stored as {sha256}",
                        "deskpost.oversight.agent-gateways[0].password is stored as {noop}",
                        "deskpost.oversight.subject-access-clients[0].password is stored as {noop}", "htpasswd -nbBC 12")
                .message().doesNotContain("9f86d081", "hunter2", "hunter3", "staff[0]");
    }

    @Test
    void theDevProfileAlsoAcceptsClearTextPasswords() {
        StaffProperties accounts = new StaffProperties(List.of(new StaffProperties.Account("ops", "{noop}ops", "Ops", false)),
                List.of(new StaffProperties.Gateway("mcp-server", BCRYPT, List.of("front-desk"))), List.of());

        assertThatNoException().isThrownBy(() -> StoredPasswords.check(accounts, profile("dev")));
        assertThat(catchThrowable(() -> StoredPasswords.check(accounts, profile("production"))))
                .hasMessageContaining("deskpost.oversight.staff[0].password");
    }

    @Test
    void aPasswordWithoutAnEncodingIdIsRefusedToo() {
        StaffProperties accounts = new StaffProperties(List.of(new StaffProperties.Account("ops", "plain-words", "Ops", false)),
                List.of(), List.of());

        assertThat(catchThrowable(() -> StoredPasswords.check(accounts, profile("dev"))))
                .hasMessageContaining("deskpost.oversight.staff[0].password is stored as no {id} prefix");
    }

    private static MockEnvironment profile(String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return environment;
    }
}
