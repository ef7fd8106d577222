package com.deskpost.community.inbound;

import java.util.List;
import java.util.Map;

/**
 * A mail as a provider's inbound webhook posts it (the common shape of Postmark, SendGrid, Mailgun
 * inbound parsing, mapped by the provider's integration).
 *
 * @param messageId the Message-ID header; derived from the content when absent
 * @param from the sender, {@code ada@example.com} or {@code Ada Lovelace <ada@example.com>}
 * @param to the recipients
 * @param subject the subject
 * @param text the plain-text body
 * @param html the HTML body, read when there is no text
 * @param inReplyTo the In-Reply-To header
 * @param references the References header, one id per entry or all in one
 * @param headers other headers; Auto-Submitted and Precedence are read
 * @param raw the whole received mail as RFC 5322 text, where the provider passes it on (SendGrid's "raw", Mailgun's
 *        "body-mime", Postmark's "RawEmail"): needed to read a bounce or complaint report's structure; optional
 */
record WebhookMessage(String messageId, String from, List<String> to, String subject, String text, String html,
        String inReplyTo, List<String> references, Map<String, String> headers, String raw) {
}
