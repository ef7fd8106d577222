package com.deskpost.oversight.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.template.TemplateCatalogue;
import com.deskpost.platform.template.TemplateEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What keeps an override from being activated, each problem naming the part and what to fix. */
class TemplateValidationTest {

    private static final TemplateEntry RECEIPT = TemplateCatalogue.builtIn().find("billing-receipt").orElseThrow();
    private static final String TEXT = "Paid {{amount}} ({{paymentId}}) for {{subscriptionId}}.";
    private static final String HTML = "<p style=\"color:#222\">Paid <strong>{{amount}}</strong> ({{paymentId}})</p>"
            + "<a href=\"https://example.com/account\">Your account</a>";

    @Test
    void aGoodOverrideHasNoProblems() {
        assertThat(TemplateValidation.check(RECEIPT, "Receipt {{paymentId}}", TEXT,
                "<!DOCTYPE html><html><head><title>x</title></head><body style=\"margin:0\">" + HTML + "</body></html>"))
                .isEmpty();
    }

    @Test
    void anUnknownVariableIsNamedWithWhatTheTemplateHas() {
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt {{invoiceTotal}}", TEXT, HTML)))
                .singleElement().asString()
                .startsWith("subject: {{invoiceTotal}} is not a value of billing-receipt; it has: address, amount,");
    }

    @Test
    void aRequiredValueMustBeInTheTextAndTheHtml() {
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", "Thank you.", "<p>Paid {{amount}}</p>")))
                .containsExactly(
                        "text: must show {{amount}}: a billing-receipt mail makes no sense without it",
                        "text: must show {{paymentId}}: a billing-receipt mail makes no sense without it",
                        "html: must show {{paymentId}}: a billing-receipt mail makes no sense without it");
    }

    @Test
    void aMustacheSyntaxErrorIsReportedForItsPart() {
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", "Paid {{#amount}} {{paymentId}}", HTML)))
                .singleElement().asString().startsWith("text: Mustache syntax error:");
    }

    @Test
    void scriptsEventHandlersAndJavascriptLinksAreRefusedNamingTheElement() {
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", TEXT, HTML + "<script>alert(1)</script>")))
                .singleElement().asString()
                .isEqualTo("html: <script> is not allowed in a mail: it could run code or load content"
                        + " (<script>alert(1)</script>)");
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", TEXT,
                HTML + "<img src=\"https://example.com/a.png\" onerror=\"steal()\">")))
                .singleElement().asString().startsWith("html: attribute onerror on <img> is not allowed: event handlers"
                        + " run code");
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", TEXT,
                HTML + "<a href=\"javascript:steal()\">pay now</a>")))
                .singleElement().asString().startsWith("html: attribute href on <a> is not allowed: javascript: links"
                        + " run code");
        assertThat(messages(TemplateValidation.check(RECEIPT, "Receipt", TEXT,
                HTML + "<iframe src=\"https://evil.example\"></iframe>")))
                .singleElement().asString().startsWith("html: <iframe> is not allowed in a mail");
    }

    @Test
    void everyBuiltInTemplateWouldPassAsAnOverride() throws Exception {
        for (TemplateEntry entry : TemplateCatalogue.builtIn().all()) {
            String[] parts = new String[3];
            String[] suffixes = {"subject", "txt", "html"};
            for (int i = 0; i < 3; i++) {
                try (var in = getClass().getClassLoader().getResourceAsStream("templates/" + entry.name() + "."
                        + suffixes[i] + ".mustache")) {
                    parts[i] = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            assertThat(TemplateValidation.check(entry, parts[0], parts[1], parts[2])).as(entry.name()).isEmpty();
        }
    }

    private static List<String> messages(List<TemplateValidation.Problem> problems) {
        return problems.stream().map(Object::toString).toList();
    }
}
