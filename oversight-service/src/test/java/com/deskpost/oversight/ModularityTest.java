package com.deskpost.oversight;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** Oversight imports no other service and reaches into no other feature's internals (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(OversightApplication.class);
    }
}
