package com.deskpost.platform.template;

import com.deskpost.events.TemplateOverride;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active overrides as a composer knows them now: kept up to date from {@code mail.templates} by the global
 * store's processor ({@code streams.TemplateOverrideTable}) on the global thread, read by the stream threads
 * while they render. A few dozen small records at most, so all of them live in memory.
 */
public final class LiveTemplateOverrides implements TemplateOverrideSource {

    private final Map<String, TemplateOverride> active = new ConcurrentHashMap<>();

    @Override
    public Optional<TemplateOverride> find(String key) {
        return Optional.ofNullable(active.get(key));
    }

    /** The override now active under {@code key}; null (a tombstone) puts the built-in template back. */
    public void apply(String key, TemplateOverride override) {
        if (override == null) {
            active.remove(key);
        } else {
            active.put(key, override);
        }
    }
}
