package com.deskpost.ingest;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** Ingest imports no other service and reaches into no other feature's internals (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(IngestApplication.class);
    }
}
