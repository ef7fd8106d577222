package com.deskpost.community.announcement;

import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an announcement for one member, in the member's language (else the location's, else English:
 * {@link MailLocales}). Announcements are commercial
 * mail: delivery adds the one-click unsubscribe link and the physical address of the location the
 * mail is about to every commercial mail (header and footer), so the template does not repeat them; and
 * the link to the member's preference page, where the draft's topic can be switched off per location.
 * The supersede key is {@code announcement:<id>}: a corrected announcement (a newer version of the
 * same id) supersedes drafts of the older one not yet sent. The record key is the member's within the
 * announcement ({@code DraftKeys}), so ten thousand members' mail spreads over the bulk lane's partitions
 * while each member's versions of it stay in order.
 */
public final class AnnouncementDrafts {

    /** The identity announcement drafts are requested by; oversight never lets it approve. */
    public static final String IDENTITY = "community-composer";
    static final String TEMPLATE = "community-announcement";

    private final TemplateRenderer templates;
    private final Clock clock;

    public AnnouncementDrafts(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public static String supersedeKey(String announcementId) {
        return "announcement:" + announcementId;
    }

    /**
     * The announcement's preference-centre topic: the one it names, else "community" for community news and
     * "promotions" for a promotion. Members who switched it off for a location get nothing about that location.
     * A name is lower-cased, as the preference centre's are; one the centre does not offer cannot be switched off.
     */
    static String topic(AnnouncementRequested announcement) {
        String named = announcement.getTopic();
        if (named != null && !named.isBlank()) {
            return named.strip().toLowerCase(Locale.ROOT);
        }
        return announcement.getKind() == AnnouncementKind.COMMUNITY ? "community" : "promotions";
    }

    static String eventType(AnnouncementKind kind) {
        return kind == AnnouncementKind.COMMUNITY ? "community_announcement" : "promotional_announcement";
    }

    /** The announcement for one member, about one location (public for the service's locale tests). */
    public EmailDraft draft(CommunityEvent event, AnnouncementRequested announcement, Member member, Location about) {
        Map<String, Object> model = new HashMap<>();
        model.put("memberName", member.getName());
        model.put("subject", announcement.getSubject());
        model.put("paragraphs", paragraphs(announcement.getBodyText()));
        model.put("locationName", about.getName());
        model.put("community", announcement.getKind() == AnnouncementKind.COMMUNITY);
        Locale locale = MailLocales.resolve(member.getLocale(), about.getDefaultLocale());
        RenderedMail mail = templates.render(TEMPLATE, locale, about.getLocationId(), model);
        String key = supersedeKey(announcement.getAnnouncementId());
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(event.getHeader().getEventId(), TEMPLATE, member.getEmail()))
                .setHeader(event.getHeader())
                .setEventType(eventType(announcement.getKind()))
                .setTemplate(TEMPLATE)
                .setCategory(EmailCategory.COMMERCIAL)
                .setTopic(topic(announcement))
                .setRecipient(Recipient.newBuilder().setEmail(member.getEmail()).setName(member.getName())
                        .setMemberId(member.getMemberId()).setRole(RecipientRole.MEMBER).build())
                .setLocationId(about.getLocationId())
                .setSubject(mail.subject())
                .setBodyText(mail.text())
                .setBodyHtml(mail.html())
                .setSupersedeKey(key)
                .setEntityVersion(event.getHeader().getEntityVersion())
                .setRequestedBy(IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey(key).build())
                .setCreatedAt(clock.instant())
                .build();
    }

    /** Blank lines separate paragraphs; the HTML part shows each as one, escaped by the template. */
    private static List<String> paragraphs(String text) {
        return Arrays.stream(text.strip().split("\\R\\s*\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
