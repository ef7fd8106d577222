package com.deskpost.audit;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** The audit service imports no other service and reaches into no other feature's internals (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(AuditApplication.class);
    }
}
