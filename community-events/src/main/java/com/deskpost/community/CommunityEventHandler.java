package com.deskpost.community;

import com.deskpost.community.announcement.AnnouncementDrafts;
import com.deskpost.community.announcement.AnnouncementQueue;
import com.deskpost.community.inquiry.InquiryReplies;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.publish.DraftPublication;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.streams.EventHandler;
import com.deskpost.platform.streams.DirectoryMiss;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Topics;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * facility.community: an announcement is checked (an audience, known locations, a one-line
 * subject, a body) and queued for the sliced fan-out, with its version published so a corrected
 * announcement supersedes drafts of the older one not yet sent; an inquiry from the website form
 * gets a drafted reply, held for staff. Anything unusable is dead-lettered with the reason. An announcement
 * whose fan-out is complete ({@code CLOSED} on mail.entity-versions) at this version or a newer one is not
 * queued again: its plan may be forgotten, and a replay must not mail its audience twice.
 */
final class CommunityEventHandler implements EventHandler<CommunityEvent> {

    private static final Logger log = LoggerFactory.getLogger(CommunityEventHandler.class);

    private final InquiryReplies replies;
    private final Directory directory;
    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions;

    CommunityEventHandler(InquiryReplies replies, Directory directory,
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<EntityVersion>> versions) {
        this.replies = replies;
        this.directory = directory;
        this.versions = versions;
    }

    @Override
    public List<Emit<?>> handle(String key, CommunityEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof AnnouncementRequested announcement) {
            return accept(event, announcement);
        }
        if (payload instanceof InquiryReceived inquiry) {
            return answer(event, inquiry);
        }
        throw new RejectedEvent("Unsupported community payload " + payload.getClass().getName());
    }

    private List<Emit<?>> accept(CommunityEvent event, AnnouncementRequested announcement) {
        String id = announcement.getAnnouncementId();
        if (announcement.getLocationIds().isEmpty()) {
            throw new RejectedEvent("Announcement " + id + " names no location: its audience would be nobody");
        }
        if (announcement.getSubject().isBlank() || announcement.getBodyText().isBlank()) {
            throw new RejectedEvent("Announcement " + id + " has an empty subject or body");
        }
        Addresses.requireOneLine("Announcement " + id + " subject", announcement.getSubject());
        // Checked last: a location the directory lacks yet makes the announcement wait, bad input never should.
        for (String locationId : announcement.getLocationIds()) {
            if (directory.location(locationId).isEmpty()) {
                throw DirectoryMiss.location(locationId, "Announcement " + id + " names unknown location "
                        + locationId + ": not in facility.locations");
            }
        }
        String supersedeKey = AnnouncementDrafts.supersedeKey(id);
        Optional<EntityVersion> closed = EntityVersionTable.latest(supersedeKey, versions)
                .filter(last -> last.getStatus() == EntityStatus.CLOSED
                        && last.getVersion() >= event.getHeader().getEntityVersion());
        if (closed.isPresent()) {
            log.info("Announcement {} version {} was fanned out at version {}: ignored", id,
                    event.getHeader().getEntityVersion(), closed.get().getVersion());
            return List.of();
        }
        return List.of(
                Emit.to(Topics.MAIL_ENTITY_VERSIONS, supersedeKey, EntityVersion.newBuilder()
                        .setSupersedeKey(supersedeKey)
                        .setVersion(event.getHeader().getEntityVersion())
                        .setStatus(EntityStatus.ACTIVE)
                        .setSourceEventId(event.getHeader().getEventId())
                        .setOccurredAt(event.getHeader().getOccurredAt())
                        .build()),
                // Keyed by announcement id: its plan lives in the partition of that key.
                Emit.to(AnnouncementQueue.TOPIC, id, event));
    }

    private List<Emit<?>> answer(CommunityEvent event, InquiryReceived inquiry) {
        String locationId = event.getHeader().getLocationId();
        if (locationId == null) {
            throw new RejectedEvent("Inquiry " + inquiry.getInquiryId()
                    + " has no header.location_id: which location's team should answer it?");
        }
        Location location = directory.location(locationId).orElseThrow(() -> DirectoryMiss.location(locationId,
                "Inquiry " + inquiry.getInquiryId() + " is about unknown location " + locationId
                        + ": not in facility.locations"));
        EmailDraft reply = replies.reply(event, inquiry, location);
        return DraftPublication.of(reply, InquiryReplies.IDENTITY)
                .detail("Reply to " + inquiry.getKind().name().toLowerCase() + " inquiry " + inquiry.getInquiryId()
                        + "; held for staff to review and edit")
                .emits();
    }
}
