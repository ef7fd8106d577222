package com.deskpost.delivery.archive;

import com.deskpost.delivery.subject.SubjectDataSource;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Subject access (GDPR art. 15), section {@code sentMail}: every archived message to the person, oldest first, with
 * its readable text where the archive still holds it. Rows under the pseudonym (after an erasure) have none.
 */
@Component
class SentMailSection implements SubjectDataSource {

    private final SentArchive archive;

    SentMailSection(SentArchive archive) {
        this.archive = archive;
    }

    @Override
    public String section() {
        return "sentMail";
    }

    @Override
    public List<SentMail> collect(String address, String pseudonym) {
        return archive.ofPerson(address, pseudonym).stream()
                .map(archived -> new SentMail(archived.entry(),
                        archived.content() == null ? null : MessageText.of(archived.content())))
                .toList();
    }

    /**
     * @param entry the archive entry (hash, draft, kind, category, subject, send time, retention)
     * @param text the message's readable text, or null when its content is not held
     */
    public record SentMail(ArchiveEntry entry, String text) {
    }
}
