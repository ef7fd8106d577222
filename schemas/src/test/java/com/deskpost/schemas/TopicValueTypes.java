package com.deskpost.schemas;

import java.util.List;

import org.apache.avro.Schema;

import com.deskpost.events.AccessEvent;
import com.deskpost.events.ApprovalDecision;
import com.deskpost.events.ApprovalEvent;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.InboundEmail;
import com.deskpost.events.Location;
import com.deskpost.events.MailFeedback;
import com.deskpost.events.Member;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.TemplateOverride;

/**
 * The value type of every topic in DESIGN section 2: the schemas that are released and must
 * stay FULL_TRANSITIVE compatible. A topic added to the design adds its value type here.
 */
final class TopicValueTypes {

    static final List<Schema> CURRENT = List.of(
            BookingEvent.getClassSchema(),
            AccessEvent.getClassSchema(),
            BillingEvent.getClassSchema(),
            CommunityEvent.getClassSchema(),
            Member.getClassSchema(),
            Location.getClassSchema(),
            EmailDraft.getClassSchema(),
            OutboundEmail.getClassSchema(),
            EntityVersion.getClassSchema(),
            ApprovalEvent.getClassSchema(),
            ApprovalDecision.getClassSchema(),
            ConsentChange.getClassSchema(),
            InboundEmail.getClassSchema(),
            MailFeedback.getClassSchema(),
            AuditEvent.getClassSchema(),
            TemplateOverride.getClassSchema());

    private TopicValueTypes() {
    }
}
