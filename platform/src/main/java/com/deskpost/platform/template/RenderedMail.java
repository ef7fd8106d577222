package com.deskpost.platform.template;

/** Subject, plain-text and HTML body of one mail, as rendered from its template. */
public record RenderedMail(String subject, String text, String html) {
}
