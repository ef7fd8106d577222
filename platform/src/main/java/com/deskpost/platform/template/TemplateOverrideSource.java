package com.deskpost.platform.template;

import com.deskpost.events.TemplateOverride;
import java.util.Optional;

/**
 * Where staff's active template overrides come from: the composers' global table of {@code mail.templates}
 * ({@link LiveTemplateOverrides}), oversight's PostgreSQL for its previews. {@link TemplateRenderer} asks it before
 * the files, most specific key first ({@link TemplateOverrideKeys}).
 */
@FunctionalInterface
public interface TemplateOverrideSource {

    /** No overrides: the built-in templates (and the override directory) only. */
    TemplateOverrideSource NONE = key -> Optional.empty();

    /** The active override under {@code key} ({@link TemplateOverrideKeys#of}), or empty for the built-in. */
    Optional<TemplateOverride> find(String key);
}
