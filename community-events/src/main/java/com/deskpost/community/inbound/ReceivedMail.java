package com.deskpost.community.inbound;

import com.deskpost.events.InboundEmail;

/**
 * A mail as received, before it is published.
 *
 * @param mail what goes to mail.inbound
 * @param autoSubmitted whether it says it was sent by a machine (RFC 3834 Auto-Submitted, Precedence)
 */
record ReceivedMail(InboundEmail mail, boolean autoSubmitted) {
}
