package com.deskpost.platform.streams;

/** Looks up a state store by name from inside a running processor (global stores included). */
@FunctionalInterface
public interface StoreAccess {

    <S> S store(String name);

    /**
     * The processor's wall clock, for state that is kept until a time (the routing processor answers with its
     * task's clock, which a TopologyTestDriver lets a test advance).
     */
    default long wallClockMillis() {
        return System.currentTimeMillis();
    }
}
