package com.deskpost.platform.streams;

/** Looks up a state store by name from inside a running processor (global stores included). */
@FunctionalInterface
public interface StoreAccess {

    <S> S store(String name);
}
