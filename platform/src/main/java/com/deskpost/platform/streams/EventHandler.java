package com.deskpost.platform.streams;

import java.util.List;

/**
 * The domain step of a topology: one decoded event in, the records it causes out. Throwing
 * {@link RejectedEvent} (or any runtime exception) dead-letters the event with the reason.
 */
@FunctionalInterface
public interface EventHandler<V> {

    List<Emit<?>> handle(String key, V event);
}
