package com.deskpost.community.inbound;

import com.deskpost.community.unsubscribe.UnsubscribePhrases;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where both doors (provider webhook, SMTP listener) hand a received mail: it goes to mail.inbound,
 * keyed by Message-ID, acknowledged by the broker before the door answers the sender, so a mail the
 * door accepted is never lost. Mail a machine sent (out-of-office replies, bounces, list traffic:
 * RFC 3834) is not published, so it can neither start an inquiry nor draw an answer; except that an
 * unsubscribe request is always honoured, whoever or whatever sent it.
 */
@Component
class InboundIntake {

    private static final Logger log = LoggerFactory.getLogger(InboundIntake.class);

    /** What became of a received mail. */
    enum Outcome {
        ACCEPTED, IGNORED_AUTO_SUBMITTED
    }

    private final TopicPublisher publisher;

    InboundIntake(TopicPublisher publisher) {
        this.publisher = publisher;
    }

    Outcome receive(ReceivedMail received) {
        var mail = received.mail();
        if (received.autoSubmitted() && !UnsubscribePhrases.asksToUnsubscribe(mail.getSubject(), mail.getBodyText())) {
            log.info("Inbound mail {} from {} via {} was sent automatically (RFC 3834): not published",
                    mail.getMessageId(), mail.getFromAddress(), mail.getChannel());
            return Outcome.IGNORED_AUTO_SUBMITTED;
        }
        publisher.publish(Topics.MAIL_INBOUND, mail.getMessageId(), mail);
        log.info("Inbound mail {} from {} via {} published", mail.getMessageId(), mail.getFromAddress(),
                mail.getChannel());
        return Outcome.ACCEPTED;
    }
}
