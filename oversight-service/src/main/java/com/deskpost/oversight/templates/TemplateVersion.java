package com.deskpost.oversight.templates;

import java.time.Instant;

/** One saved version of an override, activated or not. */
public record TemplateVersion(TemplateSlot slot, int version, String subject, String text, String html,
        String savedBy, Instant savedAt) {
}
