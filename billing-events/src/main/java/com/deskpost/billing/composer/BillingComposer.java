package com.deskpost.billing.composer;

import com.deskpost.billing.subscription.Cycle;
import com.deskpost.billing.subscription.SubscriptionState;
import com.deskpost.billing.subscription.SubscriptionState.PaymentOutcome;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.streams.DirectoryMiss;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Billing mail rules: a pure function from (event, the subscription's state, directory) to the
 * subscription's next state, the entity versions to publish and the drafts to send.
 * <ul>
 * <li>A renewal reminder goes out at most once per billing cycle (period start), never for a
 * cycle already paid, never for a period after the membership ends. Its supersede key is
 * {@code renewal:<subscription>:<period start>}; the payment of that cycle publishes a newer
 * version of the key, status CLOSED, so a reminder not yet sent is dropped by oversight and by
 * delivery ({@code SUPERSEDED}). A cancellation closes open reminders of later cycles the same way.</li>
 * <li>A failed payment is always alerted (event type {@code payment_failed}, which delivery treats
 * as critical), under its own key {@code payment-failed:<subscription>:<payment id>} that nothing
 * else versions; only a replay of the same failure, or a failure older than the success that has
 * since paid its cycle, drafts nothing.</li>
 * <li>Receipts, invoices and cancellation notices go out once per payment, invoice and end date.</li>
 * <li>A subscription is <em>unknown</em> when no event for it has been processed and its member is
 * not in the directory: there is nobody to write to and nothing to tie the event to. Such events,
 * events naming an unknown member or location, and events naming another member than the one who
 * holds the subscription are rejected (dead-lettered with the reason).</li>
 * </ul>
 * Current facts follow the newest {@code entity_version} only; see {@link SubscriptionState}. Once a membership is
 * cancelled, each newer version of the subscription is published under {@link #subscriptionKey}, status
 * {@code CANCELLED}: what is left of the subscription once its state is forgotten.
 */
public final class BillingComposer {

    /** The identity drafts are requested by; oversight never lets it approve. */
    public static final String IDENTITY = "billing-composer";

    /** What one billing event causes. */
    public record Composition(SubscriptionState state, List<EntityVersion> versions, List<EmailDraft> drafts) {
    }

    private final BillingDrafts mail;

    public BillingComposer(TemplateRenderer templates, Clock clock) {
        this.mail = new BillingDrafts(templates, clock);
    }

    /** @param known the subscription's state, or null if no event for it was ever processed */
    public Composition compose(BillingEvent event, SubscriptionState known, Directory directory) {
        Member member = member(event, known, directory);
        String locationId = event.getHeader().getLocationId() != null ? event.getHeader().getLocationId()
                : known == null ? null : known.locationId();
        if (locationId == null) {
            throw new RejectedEvent("Billing event " + event.getHeader().getEventId() + " for subscription "
                    + event.getSubscriptionId() + " has no header.location_id and the subscription has no known location");
        }
        Location location = directory.location(locationId).orElseThrow(() -> DirectoryMiss.location(locationId,
                "Unknown location " + locationId + " for subscription " + event.getSubscriptionId()
                        + ": not in facility.locations"));
        Step step = new Step(event, member, location,
                known == null ? SubscriptionState.opened(event.getSubscriptionId(), member.getMemberId(), locationId)
                        : known);
        Object payload = event.getPayload();
        if (payload instanceof RenewalUpcoming renewal) {
            step.renewal(renewal);
        } else if (payload instanceof PaymentSucceeded payment) {
            step.paid(payment);
        } else if (payload instanceof PaymentFailed failure) {
            step.failed(failure);
        } else if (payload instanceof InvoiceIssued invoice) {
            step.invoiced(invoice);
        } else if (payload instanceof MembershipCancelled cancellation) {
            step.cancelled(cancellation);
        } else {
            throw new RejectedEvent("Unsupported billing payload " + payload.getClass().getName());
        }
        SubscriptionState next = step.state.seen(step.version, locationId);
        if (next.cancelledOn() != null
                && (known == null || known.cancelledOn() == null || next.lastVersion() > known.lastVersion())) {
            step.versions.add(EntityVersion.newBuilder().setSupersedeKey(subscriptionKey(event.getSubscriptionId()))
                    .setVersion(next.lastVersion()).setStatus(EntityStatus.CANCELLED)
                    .setSourceEventId(event.getHeader().getEventId()).setOccurredAt(event.getHeader().getOccurredAt())
                    .build());
        }
        return new Composition(next, step.versions, step.drafts);
    }

    /**
     * The key under which a cancelled subscription's latest version is published: no draft carries it, so it
     * supersedes nothing; it outlives the subscription's state ({@link Subscriptions}).
     */
    public static String subscriptionKey(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    private static Member member(BillingEvent event, SubscriptionState known, Directory directory) {
        String subscription = event.getSubscriptionId();
        if (known != null && !known.memberId().equals(event.getMemberId())) {
            throw new RejectedEvent("Subscription " + subscription + " is held by member " + known.memberId()
                    + " but event " + event.getHeader().getEventId() + " names member " + event.getMemberId()
                    + ": refused so that billing mail never reaches someone else");
        }
        return directory.member(event.getMemberId()).orElseThrow(() -> DirectoryMiss.member(event.getMemberId(),
                known == null
                        ? "Unknown subscription " + subscription + ": never seen on facility.billing and its member "
                                + event.getMemberId() + " is not in facility.members"
                        : "Unknown member " + event.getMemberId() + " for subscription " + subscription
                                + ": not in facility.members"));
    }

    /** The effects of one event, accumulated. */
    private final class Step {

        private final BillingEvent event;
        private final Member member;
        private final Location location;
        private final long version;
        private final List<EntityVersion> versions = new ArrayList<>();
        private final List<EmailDraft> drafts = new ArrayList<>();
        private SubscriptionState state;

        Step(BillingEvent event, Member member, Location location, SubscriptionState state) {
            this.event = event;
            this.member = member;
            this.location = location;
            this.version = event.getHeader().getEntityVersion();
            this.state = state;
        }

        void renewal(RenewalUpcoming renewal) {
            Cycle cycle = state.cycle(renewal.getPeriodStart());
            state = state.current(version, renewal.getPeriodStart(), renewal.getPeriodEnd(), null);
            boolean afterMembershipEnds = state.cancelledOn() != null
                    && renewal.getPeriodStart().isAfter(state.cancelledOn());
            if (cycle.reminded() || cycle.paid() || afterMembershipEnds) {
                return;
            }
            drafts.add(mail.draft(MailKind.RENEWAL_REMINDER, event, member, location,
                    renewalKey(renewal.getPeriodStart()), BillingMailModel.reminder(event, member, location, renewal)));
            state = state.with(cycle.withReminder(version));
        }

        void paid(PaymentSucceeded payment) {
            Cycle cycle = state.cycle(payment.getPeriodStart());
            state = state.current(version, payment.getPeriodStart(), payment.getPeriodEnd(), PaymentOutcome.SUCCEEDED);
            cycle = close(cycle, EntityStatus.CLOSED);
            state = state.with(cycle.paid() && cycle.paidVersion() >= version ? cycle : cycle.withPayment(version));
            once("receipt:" + payment.getPaymentId(), MailKind.RECEIPT, key("receipt", payment.getPaymentId()),
                    () -> BillingMailModel.receipt(event, member, location, payment));
        }

        void failed(PaymentFailed failure) {
            Cycle cycle = state.cycle(failure.getPeriodStart());
            state = state.current(version, failure.getPeriodStart(), null, PaymentOutcome.FAILED);
            if (cycle.paid() && cycle.paidVersion() > version) {
                return; // A newer success has paid this cycle: alerting the member now would be false.
            }
            once("payment-failed:" + failure.getPaymentId() + "@" + failure.getFailedAt().toEpochMilli(),
                    MailKind.PAYMENT_FAILED, key("payment-failed", failure.getPaymentId()),
                    () -> BillingMailModel.paymentFailed(event, member, location, failure));
        }

        void invoiced(InvoiceIssued invoice) {
            once("invoice:" + invoice.getInvoiceId(), MailKind.INVOICE, key("invoice", invoice.getInvoiceId()),
                    () -> BillingMailModel.invoice(event, member, location, invoice));
        }

        void cancelled(MembershipCancelled cancellation) {
            state = state.cancelled(version, cancellation.getEffectiveOn());
            for (Cycle open : state.openReminders()) {
                if (open.periodStart().isAfter(state.cancelledOn())) {
                    state = state.with(close(open, EntityStatus.CANCELLED));
                }
            }
            once("cancellation:" + cancellation.getEffectiveOn(), MailKind.CANCELLATION,
                    key("membership", cancellation.getEffectiveOn().toString()),
                    () -> BillingMailModel.cancellation(event, member, location, cancellation));
        }

        /** Publishes a version of the cycle's renewal key above any reminder drafted for it, once. */
        private Cycle close(Cycle cycle, EntityStatus status) {
            long closing = cycle.closingVersion(version);
            if (cycle.closed() && closing <= cycle.closedVersion()) {
                return cycle;
            }
            versions.add(EntityVersion.newBuilder()
                    .setSupersedeKey(renewalKey(cycle.periodStart()))
                    .setVersion(closing)
                    .setStatus(status)
                    .setSourceEventId(event.getHeader().getEventId())
                    .setOccurredAt(event.getHeader().getOccurredAt())
                    .build());
            return cycle.withClosed(closing);
        }

        /** Drafts a mail unless the one for this business key was drafted before (a replay). */
        private void once(String mailKey, MailKind kind, String supersedeKey, Supplier<Map<String, Object>> model) {
            if (state.alreadyDrafted(mailKey)) {
                return;
            }
            drafts.add(mail.draft(kind, event, member, location, supersedeKey, model.get()));
            state = state.drafted(mailKey);
        }

        private String renewalKey(LocalDate periodStart) {
            return key("renewal", periodStart.toString());
        }

        /** A supersede key of this subscription, e.g. {@code receipt:SUB-1:PAY-9}. */
        private String key(String kind, String id) {
            return kind + ":" + event.getSubscriptionId() + ":" + id;
        }
    }
}
