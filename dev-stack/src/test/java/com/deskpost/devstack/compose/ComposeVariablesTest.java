package com.deskpost.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose's substitution rules, as the compose-file checks rely on them. */
class ComposeVariablesTest {

    private final ComposeVariables set = new ComposeVariables(Map.of("KEY", "secret", "EMPTY", ""));

    @Test
    void aDefaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        assertThat(set.substitute("${KEY:-dev}")).isEqualTo("secret");
        assertThat(set.substitute("${MISSING:-dev}")).isEqualTo("dev");
        assertThat(set.substitute("${EMPTY:-dev}")).isEqualTo("dev");
        assertThat(set.substitute("${EMPTY-dev}")).isEmpty();
        assertThat(set.substitute("${MISSING-dev}")).isEqualTo("dev");
    }

    @Test
    void literalTextAroundVariablesIsKeptAndDoubleDollarIsOneDollar() {
        assertThat(set.substitute("{noop}${KEY:-dev}")).isEqualTo("{noop}secret");
        assertThat(set.substitute("$KEY:$$KEY")).isEqualTo("secret:$KEY");
    }

    @Test
    void aBraceInADefaultEndsTheVariableAsInCompose() {
        assertThat(new ComposeVariables(Map.of()).substitute("${X:-{noop}ops}")).isEqualTo("{noopops}");
    }

    @Test
    void anUnsetVariableWithoutDefaultBecomesEmptyAndIsReported() {
        ComposeVariables none = new ComposeVariables(Map.of());

        assertThat(none.substitute("a${MISSING}b")).isEqualTo("ab");
        assertThat(none.unsetVariables()).containsExactly("MISSING");
    }

    @Test
    void aRequiredVariableThatIsMissingIsAnError() {
        assertThatThrownBy(() -> set.substitute("${MISSING:?set it in .env}")).hasMessageContaining("set it in .env");
        assertThat(set.substitute("${KEY:?set it}")).isEqualTo("secret");
    }
}
