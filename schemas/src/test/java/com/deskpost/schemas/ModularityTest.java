package com.deskpost.schemas;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** The contract depends on the JDK, Avro, Jackson and Kafka's serde API only, never Spring, and imports no service (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(ContractClasses.class);
    }
}
