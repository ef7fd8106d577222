package com.deskpost.billing.composer;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.InvoiceLine;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.directory.PostalAddresses;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.MailWords;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values billing templates see, in the mail's locale ({@link #locale}: the member's, else the location's default,
 * else English). Amounts are formatted per currency in that locale ("€129.00", "129,00 €"); dates in that locale;
 * instants (paid at, failed at, next retry) in the location's time zone. A payment processor's reason code
 * ({@code card_declined}) is written in words from {@code i18n/billing-words*.properties}; a code they do not
 * know is shown as it came, underscores as spaces.
 */
final class BillingMailModel {

    private final Map<String, Object> values = new HashMap<>();
    private final Locale locale;
    private final ZoneId zone;

    private BillingMailModel(BillingEvent event, Member member, Location location) {
        this.locale = locale(member, location);
        this.zone = ZoneId.of(location.getTimeZone());
        values.put("memberName", member.getName());
        values.put("subscriptionId", event.getSubscriptionId());
        values.put("locationName", location.getName());
        values.put("address", PostalAddresses.oneLine(location.getAddress()));
    }

    static Map<String, Object> reminder(BillingEvent event, Member member, Location location, RenewalUpcoming r) {
        BillingMailModel model = new BillingMailModel(event, member, location);
        model.values.put("planName", r.getPlanName());
        model.values.put("amount", Amounts.format(r.getAmount(), model.locale));
        model.values.put("periodStart", model.date(r.getPeriodStart()));
        model.values.put("periodEnd", model.date(r.getPeriodEnd()));
        return Map.copyOf(model.values);
    }

    static Map<String, Object> receipt(BillingEvent event, Member member, Location location, PaymentSucceeded p) {
        BillingMailModel model = new BillingMailModel(event, member, location);
        model.values.put("paymentId", p.getPaymentId());
        model.values.put("amount", Amounts.format(p.getAmount(), model.locale));
        model.values.put("paidAt", model.instant(p.getPaidAt()));
        model.values.put("periodStart", model.date(p.getPeriodStart()));
        model.values.put("periodEnd", model.date(p.getPeriodEnd()));
        model.values.put("method", p.getMethod() == null ? "" : p.getMethod());
        return Map.copyOf(model.values);
    }

    static Map<String, Object> paymentFailed(BillingEvent event, Member member, Location location, PaymentFailed f) {
        BillingMailModel model = new BillingMailModel(event, member, location);
        model.values.put("paymentId", f.getPaymentId());
        model.values.put("amount", Amounts.format(f.getAmount(), model.locale));
        model.values.put("failedAt", model.instant(f.getFailedAt()));
        model.values.put("failureReason", model.failureReason(f.getFailureReason()));
        model.values.put("retryAt", f.getRetryAt() == null ? "" : model.instant(f.getRetryAt()));
        model.values.put("periodStart", model.date(f.getPeriodStart()));
        return Map.copyOf(model.values);
    }

    static Map<String, Object> invoice(BillingEvent event, Member member, Location location, InvoiceIssued i) {
        BillingMailModel model = new BillingMailModel(event, member, location);
        String currency = i.getTotal().getCurrency();
        List<Map<String, Object>> lines = i.getLines().stream().map(line -> model.line(line, currency)).toList();
        model.values.put("invoiceId", i.getInvoiceId());
        model.values.put("total", Amounts.format(i.getTotal(), model.locale));
        model.values.put("issuedOn", model.date(i.getIssuedOn()));
        model.values.put("dueOn", model.date(i.getDueOn()));
        model.values.put("lines", lines);
        model.values.put("invoiceUrl", i.getInvoiceUrl() == null ? "" : i.getInvoiceUrl());
        return Map.copyOf(model.values);
    }

    static Map<String, Object> cancellation(BillingEvent event, Member member, Location location, MembershipCancelled c) {
        BillingMailModel model = new BillingMailModel(event, member, location);
        model.values.put("effectiveOn", model.date(c.getEffectiveOn()));
        model.values.put("reason", c.getReason() == null ? "" : c.getReason());
        return Map.copyOf(model.values);
    }

    /** The language and formats of a billing mail to {@code member} about {@code location}. */
    static Locale locale(Member member, Location location) {
        return MailLocales.resolve(member.getLocale(), location.getDefaultLocale());
    }

    private String failureReason(String code) {
        return MailWords.of("i18n/billing-words", locale, BillingMailModel.class.getClassLoader())
                .optional("failure." + code.strip().toLowerCase(Locale.ROOT))
                .orElse(code.replace('_', ' '));
    }

    private Map<String, Object> line(InvoiceLine line, String currency) {
        return Map.of("description", line.getDescription(), "quantity", line.getQuantity(),
                "unitAmount", Amounts.format(line.getUnitAmountMinor(), currency, locale),
                "lineAmount", Amounts.format(Math.multiplyExact(line.getUnitAmountMinor(), (long) line.getQuantity()),
                        currency, locale));
    }

    private String date(LocalDate date) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    private String instant(Instant instant) {
        return instant.atZone(zone).format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale)) + " (" + zone.getId() + ")";
    }
}
