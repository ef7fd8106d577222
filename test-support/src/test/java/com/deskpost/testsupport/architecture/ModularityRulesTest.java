package com.deskpost.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.fixture.alpha.AlphaDesk;
import com.deskpost.fixture.alpha.billing.Invoices;
import com.deskpost.fixture.alpha.billing.internal.Ledger;
import com.deskpost.fixture.alpha.orders.Checkout;
import com.deskpost.fixture.alpha.orders.OrderDesk;
import com.deskpost.fixture.alpha.reports.MonthEnd;
import com.deskpost.fixture.beta.BetaRoster;
import com.deskpost.fixture.contract.PlainEvent;
import com.deskpost.fixture.contract.SpringyEvent;
import com.deskpost.fixture.shared.SharedDirectory;
import com.deskpost.testsupport.architecture.ModuleLayout.AcceptedReach;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each modularity rule fails on its deliberate violation in {@code com.deskpost.fixture}, and only on it. */
class ModularityRulesTest {

    private static final ModuleLayout FIXTURE = new ModuleLayout("com.deskpost.fixture",
            List.of("alpha", "beta"), List.of("shared", "contract"), List.of("contract"),
            List.of("java..", "org.apache.avro.."),
            List.of(new AcceptedReach("com.deskpost.fixture.alpha.reports..",
                    "com.deskpost.fixture.alpha.billing.internal..", "month-end closes the ledger directly")));

    private final JavaClasses fixtures = new ClassFileImporter().importPackages("com.deskpost.fixture");

    @Test
    void aServiceImportingAnotherServiceFails() {
        // Given alpha's AlphaDesk imports beta's BetaRoster, and the library SharedDirectory imports it too
        ArchRule rule = ModularityRules.servicesStayApart(FIXTURE);

        // When the rule is checked, Then it names both, and nothing else
        assertThat(offenders(rule)).containsExactlyInAnyOrder(AlphaDesk.class.getName(),
                SharedDirectory.class.getName());
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(AlphaDesk.class.getName()).hasMessageContaining(BetaRoster.class.getName());
    }

    @Test
    void aFeatureReachingIntoAnotherFeaturesInternalsFails() {
        // Given orders' OrderDesk uses billing's internal Ledger; billing's own Invoices and the accepted MonthEnd too
        ArchRule rule = ModularityRules.featuresKeepTheirInternals(FIXTURE);

        // When the rule is checked, Then only OrderDesk is reported, with the internal class it reached
        assertThat(offenders(rule)).containsExactly(OrderDesk.class.getName());
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(OrderDesk.class.getName()).hasMessageContaining(Ledger.class.getName());
    }

    @Test
    void anAcceptedReachIsAcceptedOnlyBecauseTheLayoutSaysSo() {
        // Given the same layout without its accepted reach
        ModuleLayout strict = new ModuleLayout(FIXTURE.root(), FIXTURE.services(), FIXTURE.libraries(),
                FIXTURE.contract(), FIXTURE.contractMayUse(), List.of());

        // When the internals rule is checked, Then MonthEnd is reported beside OrderDesk
        assertThat(offenders(ModularityRules.featuresKeepTheirInternals(strict)))
                .containsExactlyInAnyOrder(OrderDesk.class.getName(), MonthEnd.class.getName());
    }

    @Test
    void aContractClassImportingSpringFails() {
        // Given the contract's SpringyEvent uses Spring's StringUtils, and PlainEvent uses Avro only
        ArchRule rule = ModularityRules.contractUsesNoFramework(FIXTURE);

        // When the rule is checked, Then SpringyEvent is reported, with the Spring class it used
        assertThat(offenders(rule)).containsExactly(SpringyEvent.class.getName());
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(SpringyEvent.class.getName())
                .hasMessageContaining("org.springframework.util.StringUtils");
    }

    @Test
    void cleanClassesPassEveryRule() {
        // Given only the fixtures that keep the rules
        JavaClasses clean = new ClassFileImporter().importClasses(BetaRoster.class, Invoices.class, Ledger.class,
                Checkout.class, MonthEnd.class, PlainEvent.class);

        // When every rule is checked, Then none fails
        assertThat(ModularityRules.all(FIXTURE).evaluate(clean).hasViolation()).isFalse();
    }

    @Test
    void testSupportItselfKeepsDeskpostsRules() {
        DeskpostModules.check(ModularityRules.class);
    }

    /** The fixture classes on which the rule, checked class by class, reports a violation. */
    private List<String> offenders(ArchRule rule) {
        assertThat(rule.evaluate(fixtures).hasViolation()).as("the rule reports a violation").isTrue();
        return fixtures.stream()
                .filter(javaClass -> rule.evaluate(new ClassFileImporter().importClasses(javaClass.reflect()))
                        .hasViolation())
                .map(JavaClass::getName)
                .toList();
    }
}
