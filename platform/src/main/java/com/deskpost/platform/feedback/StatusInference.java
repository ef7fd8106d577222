package com.deskpost.platform.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a status out of an SMTP reply or a bounce's free text that states no enhanced code, or only {@code x.0.0}.
 * The words of the common MTAs' and providers' refusals (user unknown, over quota, blocked as spam, try again later)
 * map to the RFC 3463 code they mean; the basic reply code (4xx/5xx) gives the class, else the words do.
 */
final class StatusInference {

    /** A basic SMTP reply code at the start of the text or after "smtp;" / "#" / "(" / ":". */
    private static final Pattern BASIC = Pattern.compile("(?:^|[\\s;#(:'\"])([245])([0-5])(\\d)(?=[\\s:-]|$)");

    private record Rule(Pattern words, int subject, int detail, int defaultClass) {
    }

    // Order matters: a "mailbox full" refusal also says "mailbox"; policy words win over "rejected".
    private static final List<Rule> RULES = List.of(
            rule("mailbox (is )?full|over ?quota|quota exceeded|exceeded (the )?storage|insufficient storage"
                    + "|mailbox size limit|storage allocation|out of storage", 2, 2, 4),
            rule("mailbox (is )?(disabled|inactive|suspended)|account (has been |is )?(disabled|suspended|inactive|"
                    + "locked|deactivated)", 2, 1, 5),
            rule("spam|blocked|block ?list|black ?list|dnsbl|policy|dmarc|\\bspf\\b|dkim|reputation|not authori[sz]ed"
                    + "|access denied|prohibited|content rejected|virus|malware", 7, 1, 5),
            rule("try again later|rate.?limit|too many|throttl|grey ?list|gray ?list|temporarily deferred", 7, 0, 4),
            rule("user unknown|unknown user|no such user|unknown recipient|recipient unknown|no such (mailbox|recipient"
                    + "|address)|mailbox (not found|unavailable|does not exist)|recipient not found|invalid recipient"
                    + "|recipient address rejected|address rejected|(does ?n[o']t|doesn't) (exist|have an? [\\w.-]+ "
                    + "account)|no mailbox here|not a valid mailbox|address (couldn't|could not|can't|cannot) be found"
                    + "|address not found|unknown (local part|address)|user doesn't exist|invalid (mailbox|address)"
                    + "|account (does not|doesn't) exist|no longer (active|valid|available)", 1, 1, 5),
            rule("host (or domain name )?not found|domain (not found|does not exist)|no such domain|unroutable"
                    + "|unrouteable|no mx|name service error|mail loop", 4, 4, 5),
            rule("message (is )?too (big|large)|size exceeds|exceeds (the )?(maximum|size)", 3, 4, 5),
            rule("connection (timed out|refused)|timed out|no route to host|network is unreachable", 4, 1, 4),
            rule("expired|could not be delivered within|retry time(out)? exceeded|gave up", 4, 7, 4));

    private StatusInference() {
    }

    static Optional<EnhancedStatus> infer(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<EnhancedStatus> stated = EnhancedStatus.find(text);
        String lower = text.toLowerCase(Locale.ROOT);
        Integer basicClass = basicClass(lower);
        Rule rule = RULES.stream().filter(r -> r.words().matcher(lower).find()).findFirst().orElse(null);
        if (stated.isPresent()) {
            EnhancedStatus code = stated.get();
            if (code.subject() == 0 && code.detail() == 0 && rule != null) {
                return Optional.of(new EnhancedStatus(code.statusClass(), rule.subject(), rule.detail()));
            }
            return stated;
        }
        if (rule != null) {
            int statusClass = basicClass != null ? basicClass : temporary(lower) ? 4 : rule.defaultClass();
            return Optional.of(new EnhancedStatus(statusClass, rule.subject(), rule.detail()));
        }
        if (basicClass != null && basicClass != 2) {
            return Optional.of(fromBasicCode(lower, basicClass));
        }
        return Optional.empty();
    }

    private static boolean temporary(String lower) {
        return lower.contains("temporar") || lower.contains("transient");
    }

    private static Integer basicClass(String lower) {
        Matcher matcher = BASIC.matcher(lower);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : null;
    }

    /** RFC 3463 appendix / RFC 5321 4.2.3: what a basic reply code alone means. */
    private static EnhancedStatus fromBasicCode(String lower, int statusClass) {
        Matcher matcher = BASIC.matcher(lower);
        matcher.find();
        String code = matcher.group(1) + matcher.group(2) + matcher.group(3);
        return switch (code) {
            case "550", "450" -> new EnhancedStatus(statusClass, 2, 0);
            case "551" -> new EnhancedStatus(statusClass, 1, 6);
            case "552", "452" -> new EnhancedStatus(statusClass, code.equals("552") ? 2 : 3, code.equals("552") ? 2 : 1);
            case "553" -> new EnhancedStatus(statusClass, 1, 3);
            case "421" -> new EnhancedStatus(statusClass, 4, 2);
            case "451" -> new EnhancedStatus(statusClass, 3, 0);
            default -> new EnhancedStatus(statusClass, 0, 0);
        };
    }

    private static Rule rule(String words, int subject, int detail, int defaultClass) {
        return new Rule(Pattern.compile(words), subject, detail, defaultClass);
    }
}
