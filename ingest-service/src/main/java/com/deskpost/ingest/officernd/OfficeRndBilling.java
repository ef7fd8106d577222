package com.deskpost.ingest.officernd;

import static com.deskpost.ingest.officernd.OfficeRndWebhook.OBJECT;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.ingest.vendor.Amounts;
import com.deskpost.ingest.vendor.Fields;
import com.deskpost.ingest.vendor.InvoiceLines;
import com.deskpost.schemas.json.InvalidJsonException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OfficeRnD's invoice and membership webhooks as facility.billing's {@link BillingEvent}, where a contract payload fits:
 * <ul>
 * <li>{@code invoice.created} of an issued invoice (any status but {@code draft}) billed to a member is an
 * {@link InvoiceIssued}, keyed by the invoice (each invoice is its own billing entity: OfficeRnD bills a member or a
 * company, not one subscription). A draft is not issued yet; an invoice billed only to a company names no member to
 * mail; an {@code invoice.updated} or {@code .removed} is a correction of an invoice already mailed: these map to
 * nothing.</li>
 * <li>{@code membership.updated} of a membership with an {@code endDate} is a {@link MembershipCancelled} whose last day
 * is that date, keyed by the membership. The contract has no "membership started" payload, so a
 * {@code membership.created} maps to nothing; nor does a {@code membership.removed} (a deleted record is a data
 * correction in OfficeRnD, an ended membership keeps its record with its end date).</li>
 * </ul>
 * The member is found through the directory ({@link OfficeRndIds}); amounts are OfficeRnD's decimal amounts in the
 * currency's minor unit; OfficeRnD's dates are calendar days stored as midnight UTC, so their date part is the day.
 */
final class OfficeRndBilling {

    static final List<String> TYPES = List.of("invoice.created", "invoice.updated", "invoice.removed",
            "membership.created", "membership.updated", "membership.removed");

    /** A billing event, or why the webhook maps to none. */
    record Result(Optional<BillingEvent> event, String ignoredBecause) {

        static Result ignored(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }

    private final OfficeRndIds ids;

    OfficeRndBilling(OfficeRndIds ids) {
        this.ids = ids;
    }

    Result map(OfficeRndWebhook webhook) {
        return switch (webhook.eventType()) {
            case "invoice.created" -> invoice(webhook);
            case "membership.updated" -> membership(webhook);
            case "membership.created" -> Result.ignored("membership.created: the contract has no \"membership "
                    + "started\" billing event; the member's own webhook keeps them in the directory");
            case "membership.removed" -> Result.ignored("membership.removed: a deleted membership is a correction in "
                    + "OfficeRnD; an ended one is a membership.updated with its endDate, mailed as a cancellation");
            default -> Result.ignored(webhook.eventType() + ": a change to an invoice already issued; Deskpost mails "
                    + "an invoice once, on invoice.created");
        };
    }

    private Result invoice(OfficeRndWebhook webhook) {
        JsonNode invoice = webhook.object();
        String invoiceId = Fields.text(invoice, OBJECT, "_id");
        if (Fields.optionalText(invoice, OBJECT, "status").filter("draft"::equalsIgnoreCase).isPresent()) {
            return Result.ignored("invoice.created of draft invoice " + invoiceId + ": not issued yet");
        }
        Optional<String> member = Fields.optionalId(invoice, OBJECT, "member");
        if (member.isEmpty()) {
            return Result.ignored("invoice " + invoiceId + " is billed to a company only: it names no member to mail");
        }
        String currency = Fields.text(invoice, OBJECT, "currency").toUpperCase(java.util.Locale.ROOT);
        InvoiceIssued issued = InvoiceIssued.newBuilder()
                .setInvoiceId(Fields.optionalText(invoice, OBJECT, "documentNumber")
                        .or(() -> Fields.optionalText(invoice, OBJECT, "number")).orElse(invoiceId))
                .setTotal(new Money(minor(invoice, OBJECT, "amount", currency), currency))
                .setIssuedOn(day(invoice, OBJECT, "date"))
                .setDueOn(day(invoice, OBJECT, "dueDate"))
                .setLines(InvoiceLines.of(invoice, OBJECT, "lines", "unitPrice",
                        (line, path, name) -> minor(line, path, name, currency)))
                .build();
        return event(webhook, invoiceId, member.get(), invoice, issued);
    }

    private Result membership(OfficeRndWebhook webhook) {
        JsonNode membership = webhook.object();
        String membershipId = Fields.text(membership, OBJECT, "_id");
        JsonNode end = membership.get("endDate");
        if (end == null || end.isNull()) {
            return Result.ignored("membership.updated of membership " + membershipId + " without an endDate: not a "
                    + "cancellation, and the contract has no other membership change");
        }
        MembershipCancelled cancelled = MembershipCancelled.newBuilder().setEffectiveOn(day(membership, OBJECT,
                "endDate")).setReason(Fields.optionalText(membership, OBJECT, "cancellationReason").orElse(null))
                .build();
        return event(webhook, membershipId, Fields.id(membership, OBJECT, "member"), membership, cancelled);
    }

    private Result event(OfficeRndWebhook webhook, String key, String officeRndMember, JsonNode object,
            Object payload) {
        JsonNode member = object.path("member");
        String email = member.path("email").isString() ? member.path("email").stringValue() : null;
        String location = Fields.optionalId(object, OBJECT, "office").map(ids::location).orElse(null);
        return new Result(Optional.of(BillingEvent.newBuilder()
                .setHeader(webhook.header(webhook.changedAt().toEpochMilli(), location))
                .setSubscriptionId(key)
                .setMemberId(ids.member(officeRndMember, email))
                .setPayload(payload).build()), null);
    }

    /** OfficeRnD writes amounts as JSON numbers: a string is refused, so a changed format is noticed, not guessed. */
    static long minor(JsonNode parent, String path, String name, String currency) {
        JsonNode node = parent.get(name);
        if (node != null && !node.isNull() && !node.isNumber()) {
            throw new InvalidJsonException(path + "." + name, "expected a number (an amount), got " + node.getNodeType());
        }
        return Amounts.minor(parent, path, name, currency, OBJECT + ".currency");
    }

    /** OfficeRnD keeps a calendar day as midnight UTC ("2026-12-31T00:00:00.000Z") or as a plain date. */
    static LocalDate day(JsonNode parent, String path, String name) {
        String text = Fields.text(parent, path, name);
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (DateTimeException e) {
            throw new InvalidJsonException(path + "." + name, "not an ISO-8601 date: \"" + text + "\"");
        }
    }
}
