package com.deskpost.platform;

import com.deskpost.platform.topic.Topic;
import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** Platform, shared by every service, imports no service and keeps its features' internals (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(Topic.class);
    }
}
