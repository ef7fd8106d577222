package com.deskpost.reliability;

/** One scenario of the reliability suite: runs against real components and reports its figures. */
public interface Scenario {

    /** Short name printed at the start of the scenario's line, e.g. {@code kill}. */
    String name();

    /** Runs the scenario to the end; a broken invariant is a failed result, never an exception swallowed. */
    ScenarioResult run() throws Exception;
}
