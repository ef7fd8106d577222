package com.deskpost.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksEveryOccurrenceOfEverySecret() {
        assertThat(Secrets.mask("door 1234, again 1234; safe 9876", List.of("1234", "9876")))
                .isEqualTo("door ••••••, again ••••••; safe ••••••");
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        assertThat(Secrets.mask("master keycode 4821-7730", List.of("4821", "4821-7730")))
                .doesNotContain("7730").doesNotContain("4821");
    }

    @Test
    void noSecretsLeaveTheTextAlone() {
        assertThat(Secrets.mask("hello", List.of())).isEqualTo("hello");
        assertThat(Secrets.mask(null, List.of("x"))).isNull();
    }
}
