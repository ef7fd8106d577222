package com.deskpost.billing.composer;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.util.Map;

/**
 * Renders one billing mail to the member who holds the subscription. All billing mail is
 * transactional (it concerns a contract the member has), threaded under {@code subscription:<id>}
 * so a subscription's whole mail history is one conversation, and identified by a name-based id
 * of (event id, template, recipient), so a replay yields the same draft ids. It is written in the language
 * {@link BillingMailModel#locale} picks, from the location's override of the template where staff wrote one.
 */
final class BillingDrafts {

    private final TemplateRenderer templates;
    private final Clock clock;

    BillingDrafts(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    EmailDraft draft(MailKind kind, BillingEvent event, Member member, Location location, String supersedeKey,
            Map<String, Object> model) {
        RenderedMail mail = templates.render(kind.template, BillingMailModel.locale(member, location),
                location.getLocationId(), model);
        return EmailDraft.newBuilder()
                .setDraftId(DraftIds.draftId(event.getHeader().getEventId(), kind.template, member.getEmail()))
                .setHeader(event.getHeader())
                .setEventType(kind.eventType)
                .setTemplate(kind.template)
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder()
                        .setEmail(member.getEmail())
                        .setName(member.getName())
                        .setMemberId(member.getMemberId())
                        .setRole(RecipientRole.MEMBER)
                        .build())
                .setLocationId(location.getLocationId())
                .setSubject(mail.subject())
                .setBodyText(mail.text())
                .setBodyHtml(mail.html())
                .setSupersedeKey(supersedeKey)
                .setEntityVersion(event.getHeader().getEntityVersion())
                .setRequestedBy(BillingComposer.IDENTITY)
                .setThread(MailThread.newBuilder().setThreadKey("subscription:" + event.getSubscriptionId()).build())
                .setCreatedAt(clock.instant())
                .build();
    }
}
