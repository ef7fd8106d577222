package com.deskpost.delivery.sending;

/**
 * Admission of one message to the SMTP relay under its rate limit: {@link SharedRelayRate}, one limit for every
 * delivery instance sending through the relay.
 */
public interface RelayPermits {

    /**
     * Blocks until the relay's rate limit admits one more message.
     *
     * @throws org.springframework.dao.DataAccessResourceFailureException when the limit's store (PostgreSQL) does not
     *     answer: nothing may be sent, and the caller waits it out like any PostgreSQL outage
     * @throws SmtpFailure.Transient when the thread is interrupted while it waits
     */
    void take();
}
