package com.deskpost.booking;

import com.deskpost.testsupport.architecture.DeskpostModules;
import org.junit.jupiter.api.Test;

/** Booking imports no other service and reaches into no other feature's internals (DESIGN.md §1). */
class ModularityTest {

    @Test
    void keepsTheModuleBoundaries() {
        DeskpostModules.check(BookingEventsApplication.class);
    }
}
