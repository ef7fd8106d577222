package com.deskpost.ops;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** The CLI reaches into no feature's internals, its own or platform's (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(OpsCli.class);
    }
}
