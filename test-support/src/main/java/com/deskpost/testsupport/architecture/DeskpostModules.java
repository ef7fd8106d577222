package com.deskpost.testsupport.architecture;

import com.deskpost.testsupport.architecture.ModuleLayout.AcceptedReach;
import java.util.List;

/**
 * Deskpost's module layout, which every module's {@code ModularityTest} checks its own production classes against
 * (DESIGN.md §1). A new service adds its package to {@link #SERVICES} and a {@code ModularityTest} of one line.
 */
public final class DeskpostModules {

    /** Each is its own deployable: none imports another; they meet through topics and HTTP only. */
    public static final List<String> SERVICES = List.of(
            "booking", "billing", "access", "community", "oversight", "delivery", "ingest", "mcp", "audit");

    /** Shared libraries every service may use; they use no service. */
    public static final List<String> LIBRARIES = List.of("platform", "schemas", "events", "testsupport");

    /** The event contract (generated Avro classes and their serde) depends on Avro, Jackson and Kafka's serde API only. */
    public static final List<String> CONTRACT = List.of("schemas", "events");

    private static final List<String> CONTRACT_MAY_USE = List.of(
            "java..", "javax.crypto..", "org.apache.avro..", "com.fasterxml.jackson..", "org.apache.kafka.common..");

    /** Reaches into another feature's internals kept on purpose; each says why. Empty: the code honours the rule. */
    public static final List<AcceptedReach> ACCEPTED_REACHES = List.of();

    public static final ModuleLayout LAYOUT = new ModuleLayout(
            "com.deskpost", SERVICES, LIBRARIES, CONTRACT, CONTRACT_MAY_USE, ACCEPTED_REACHES);

    private DeskpostModules() {
    }

    /**
     * Fails with every violation named when the production classes of the module that holds {@code anyClassOfTheModule}
     * break a modularity rule.
     */
    public static void check(Class<?> anyClassOfTheModule) {
        ModularityRules.all(LAYOUT).check(ModularityRules.productionClassesBeside(anyClassOfTheModule));
    }
}
