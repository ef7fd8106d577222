package com.deskpost.platform.observability;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.MDC;

/**
 * Puts the draft id and correlation id of the record being processed in the logging context
 * (MDC keys {@value #DRAFT_ID} and {@value #CORRELATION_ID}), so every log line about a mail carries
 * them (JSON logs show them as fields), and restores what was there before on {@link #close()}:
 * <pre>{@code try (var context = MailLogContext.of(draft)) { ... } }</pre>
 * Only ids go there: never an address, a subject or a body.
 */
public final class MailLogContext implements AutoCloseable {

    public static final String DRAFT_ID = "draft_id";
    public static final String CORRELATION_ID = "correlation_id";

    private final String previousDraftId;
    private final String previousCorrelationId;

    private MailLogContext(String draftId, String correlationId) {
        previousDraftId = MDC.get(DRAFT_ID);
        previousCorrelationId = MDC.get(CORRELATION_ID);
        put(DRAFT_ID, draftId);
        put(CORRELATION_ID, correlationId);
    }

    public static MailLogContext of(String draftId, String correlationId) {
        return new MailLogContext(draftId, correlationId);
    }

    public static MailLogContext of(EmailDraft draft) {
        return of(draft.getDraftId(), draft.getHeader().getCorrelationId());
    }

    /**
     * For any record: the draft id of a draft, the correlation id of any record with an
     * {@code EventHeader} named {@code header} (every facility event); nothing for others.
     */
    public static MailLogContext of(SpecificRecord record) {
        if (record instanceof EmailDraft draft) {
            return of(draft);
        }
        return of(null, correlationId(record));
    }

    @Override
    public void close() {
        put(DRAFT_ID, previousDraftId);
        put(CORRELATION_ID, previousCorrelationId);
    }

    private static String correlationId(SpecificRecord record) {
        EventHeader header = EventHeaders.of(record);
        return header == null ? null : header.getCorrelationId();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
