package com.deskpost.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.OversightMode;
import com.deskpost.events.RecipientRole;
import com.deskpost.mcp.draft.AgentMail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** send_email's arguments: each problem names the argument and says what would work. */
class SendEmailArgumentsTest {

    private static Map<String, Object> valid() {
        Map<String, Object> args = new HashMap<>();
        args.put("idempotency_key", "reply-2026-11-24-ada");
        args.put("location_id", "LDN-1");
        args.put("to", " Ada@Members.Example ");
        args.put("category", "Transactional");
        args.put("event_type", "booking_modified");
        args.put("subject", "Your desk moved to the quiet room");
        args.put("body_text", "Hello Ada,\nyour desk is now in the quiet room.");
        return args;
    }

    @Test
    void validArgumentsAreReadNormalised() {
        AgentMail mail = SendEmail.mail(new Arguments(valid()));

        assertThat(mail.to()).isEqualTo("ada@members.example");
        assertThat(mail.category()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(mail.requestedMode()).isNull();
        assertThat(mail.role()).isNull();
        assertThat(mail.credentials()).isEmpty();
    }

    @Test
    void optionalArgumentsAreRead() {
        Map<String, Object> args = valid();
        args.put("requested_mode", "gated_send");
        args.put("recipient_role", "sponsor");
        args.put("in_reply_to", "<abc@mail.example>");
        args.put("credentials", List.of("4821"));

        AgentMail mail = SendEmail.mail(new Arguments(args));

        assertThat(mail.requestedMode()).isEqualTo(OversightMode.GATED_SEND);
        assertThat(mail.role()).isEqualTo(RecipientRole.SPONSOR);
        assertThat(mail.inReplyTo()).isEqualTo("<abc@mail.example>");
        assertThat(mail.credentials()).containsExactly("4821");
    }

    @Test
    void aMissingRequiredArgumentIsNamedWithAnExample() {
        Map<String, Object> args = valid();
        args.remove("idempotency_key");

        ToolError error = refusal(args);

        assertThat(error.field()).isEqualTo("idempotency_key");
        assertThat(error.getMessage()).isEqualTo("idempotency_key is required");
        assertThat(error.hint()).contains("e.g. reply-");
    }

    @Test
    void aSubjectWithALineBreakCannotInjectAHeader() {
        Map<String, Object> args = valid();
        args.put("subject", "Hello\r\nBcc: everyone@example.com");

        ToolError error = refusal(args);

        assertThat(error.field()).isEqualTo("subject");
        assertThat(error.getMessage()).contains("line break");
    }

    @Test
    void aListOfAddressesOrADisplayNameIsNotOneRecipient() {
        for (String to : List.of("ada@example.com, bob@example.com", "Ada <ada@example.com>", "not-an-address")) {
            Map<String, Object> args = valid();
            args.put("to", to);

            ToolError error = refusal(args);

            assertThat(error.field()).isEqualTo("to");
            assertThat(error.hint()).contains("exactly one plain address");
        }
    }

    @Test
    void anUnknownCategoryOrModeListsTheChoices() {
        Map<String, Object> args = valid();
        args.put("category", "urgent");
        assertThat(refusal(args).hint()).contains("[transactional, security, commercial]");

        args = valid();
        args.put("requested_mode", "whenever");
        assertThat(refusal(args).hint()).contains("[autonomous, monitored, gated_send, gated_all]");
    }

    @Test
    void aMalformedInReplyToOrIdempotencyKeyIsRefused() {
        Map<String, Object> args = valid();
        args.put("in_reply_to", "abc@mail.example");
        assertThat(refusal(args).field()).isEqualTo("in_reply_to");

        args = valid();
        args.put("idempotency_key", "has spaces");
        assertThat(refusal(args).field()).isEqualTo("idempotency_key");
    }

    @Test
    void aBodyBeyondTheLimitOrOfTheWrongTypeIsRefused() {
        Map<String, Object> args = valid();
        args.put("body_text", "x".repeat(20_001));
        assertThat(refusal(args).getMessage()).contains("at most 20000");

        args = valid();
        args.put("body_text", 42);
        assertThat(refusal(args).getMessage()).contains("must be a string");
    }

    private static ToolError refusal(Map<String, Object> args) {
        ToolError error = catchThrowableOfType(ToolError.class, () -> SendEmail.mail(new Arguments(args)));
        assertThat(error).as("refused").isNotNull();
        assertThat(error.code()).isEqualTo("invalid_argument");
        return error;
    }
}
