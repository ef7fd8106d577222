package com.deskpost.reliability.input;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility as the scenarios use it. */
final class Waits {

    private Waits() {
    }

    /**
     * A wait that leaves other threads' uncaught exceptions alone: Awaitility would otherwise rethrow
     * a crashing service thread's exception here and end the scenario, when that crash is exactly
     * what the scenario must report as a figure.
     */
    static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions();
    }
}
