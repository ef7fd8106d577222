package com.deskpost.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private final TemplateRenderer renderer = new TemplateRenderer(getClass().getClassLoader());

    @Test
    void escapesHtmlOnlyInTheHtmlPart() {
        RenderedMail mail = renderer.render("greeting", Map.of("name", "<script>alert(1)</script> & Co", "place", "X"));

        assertThat(mail.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co").doesNotContain("<script>");
        assertThat(mail.text()).contains("<script>alert(1)</script> & Co");
    }

    @Test
    void flattensTheSubjectToOneLineSoNoHeaderCanBeInjected() {
        RenderedMail mail = renderer.render("greeting", Map.of("name", "Ada\r\nBcc: victim@example.com", "place", "Soho"));

        assertThat(mail.subject()).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("Hello Ada Bcc: victim@example.com from Soho");
    }

    @Test
    void anEmptyValueHidesItsSection() {
        assertThat(renderer.render("greeting", Map.of("name", "Ada", "place", "X", "note", "")).text())
                .isEqualTo("Dear Ada,\n");
        assertThat(renderer.render("greeting", Map.of("name", "Ada", "place", "X", "note", "bring a key")).text())
                .isEqualTo("Dear Ada, note: bring a key\n");
    }

    @Test
    void aMissingTemplateIsAClearError() {
        assertThatThrownBy(() -> renderer.render("nope", Map.of()))
                .hasMessageContaining("templates/nope.subject.mustache is not on the classpath");
    }
}
