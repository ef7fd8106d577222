package com.deskpost.platform.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.events.EmailDraft;
import com.deskpost.platform.TestDrafts;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialSealingTest {

    private final CredentialKeys.PrivateKey current = CredentialKeys.generate("k2");
    private final CredentialKeys.PrivateKey previous = CredentialKeys.generate("k1");
    private final CredentialSealer sealer = new CredentialSealer(List.of(current.publicKey(), previous.publicKey()));
    private final CredentialOpener opener = new CredentialOpener(List.of(current, previous));

    @Test
    void aSealedCodeOpensOnlyForItsLocationAndMember() {
        String sealed = sealer.seal("4821-7730", "LDN-1", "M-1");

        assertThat(sealed).startsWith("sealed:v1:k2:").doesNotContain("4821");
        assertThat(opener.open(sealed, "LDN-1", "M-1")).isEqualTo("4821-7730");
        assertThatThrownBy(() -> opener.open(sealed, "LDN-1", "M-2")).isInstanceOf(CredentialUnavailable.class)
                .hasMessageContaining("sealed for another location or member").hasMessageNotContaining("4821");
        assertThatThrownBy(() -> opener.open(sealed, "BER-1", "M-1")).isInstanceOf(CredentialUnavailable.class);
    }

    @Test
    void sealingTwiceGivesDifferentTextsAndNeverNests() {
        String once = sealer.seal("9911", "LDN-1", "M-1");

        assertThat(sealer.seal("9911", "LDN-1", "M-1")).isNotEqualTo(once);
        assertThat(sealer.seal(once, "LDN-1", "M-1")).isEqualTo(once);
    }

    @Test
    void aValueUnderThePreviousKeyOpensWhileItIsHeldAndIsRefusedWithTheReasonAfter() {
        String underPrevious = new CredentialSealer(List.of(previous.publicKey())).seal("5150", "LDN-1", "M-1");

        assertThat(opener.open(underPrevious, "LDN-1", "M-1")).isEqualTo("5150");
        CredentialOpener retired = new CredentialOpener(List.of(current));
        assertThatThrownBy(() -> retired.open(underPrevious, "LDN-1", "M-1"))
                .isInstanceOf(CredentialUnavailable.class)
                .hasMessageContaining("sealed under key k1, which delivery no longer holds")
                .extracting(e -> ((CredentialUnavailable) e).keyId()).isEqualTo("k1");
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        SealedCredential sealed = SealedCredential.parse(sealer.seal("5150", "LDN-1", "M-1"));
        byte[] payload = sealed.payload().clone();
        payload[payload.length - 1] ^= 1;

        assertThatThrownBy(() -> opener.open(new SealedCredential("k2", payload).text(), "LDN-1", "M-1"))
                .isInstanceOf(CredentialUnavailable.class).hasMessageContaining("altered");
    }

    @Test
    void theSealerNamesWhatIsWrongWithAFacilitySealedValue() {
        String underUnknown = new CredentialSealer(List.of(CredentialKeys.generate("k9").publicKey()))
                .seal("1", "L", "M");

        assertThat(sealer.problem(underUnknown)).get().asString()
                .contains("key id k9, which Deskpost does not publish (published: k2, k1)");
        assertThat(sealer.problem("sealed:v1:k2:!!")).get().asString().contains("form");
        assertThat(sealer.problem("sealed:v1:k2:AAAA")).get().asString().contains("at least 48");
        assertThat(sealer.problem(sealer.seal("1", "L", "M"))).isEmpty();
    }

    @Test
    void keysRoundTripThroughTheirTextAndBadOnesNameTheSettingNotTheKey() {
        assertThat(CredentialKeys.parsePrivate(current.text(), "s").publicKey().text())
                .isEqualTo(current.publicKey().text());
        assertThat(CredentialKeys.parsePublic(current.publicKey().text(), "s").raw())
                .isEqualTo(current.publicKey().raw());
        assertThatThrownBy(() -> CredentialKeys.parsePrivate("no-id", "deskpost.credentials.private-keys"))
                .hasMessageStartingWith("deskpost.credentials.private-keys: a credential key is written");
        assertThatThrownBy(() -> CredentialKeys.parsePublic("k:AAAA", "x")).hasMessageContaining("32 bytes, this one is 3");
        assertThat(current.toString()).isEqualTo("PrivateKey[k2]");
    }

    @Test
    void revealFillsEachPlaceholderForTheRecipientAndEscapesHtml() {
        EmailDraft draft = draft(List.of(sealer.seal("<42>", "LDN-1", "M-1")),
                "Code " + CredentialPlaceholders.of(1), "<p>" + CredentialPlaceholders.of(1) + "</p>");

        EmailDraft revealed = opener.reveal(draft);

        assertThat(revealed.getSubject()).isEqualTo("Code <42>");
        assertThat(revealed.getBodyText()).isEqualTo("Code <42>");
        assertThat(revealed.getBodyHtml()).isEqualTo("<p>&lt;42&gt;</p>");
        assertThat(draft.getBodyText()).isEqualTo("Code " + CredentialPlaceholders.of(1));
    }

    @Test
    void revealRefusesAPlaceholderWithoutItsCredentialAndACodeWithALineBreak() {
        assertThatThrownBy(() -> opener.reveal(draft(List.of(), "Code " + CredentialPlaceholders.of(1), "")))
                .isInstanceOf(CredentialUnavailable.class).hasMessageContaining("shows credential 1 but carries 0");
        assertThatThrownBy(() -> opener.reveal(draft(List.of(sealer.seal("1\r\nBcc: x@y", "LDN-1", "M-1")),
                CredentialPlaceholders.of(1), ""))).hasMessageContaining("control character");
    }

    @Test
    void aDraftComposedBeforeSealingIsTakenAsItIs() {
        EmailDraft legacy = draft(List.of("4711"), "Your new code is 4711.", "");

        assertThat(opener.reveal(legacy).getBodyText()).isEqualTo("Your new code is 4711.");
    }

    private static EmailDraft draft(List<String> secrets, String text, String html) {
        return EmailDraft.newBuilder(TestDrafts.draft("d-1", secrets)).setSubject(text).setBodyText(text)
                .setBodyHtml(html).setLocationId("LDN-1").setAboutMemberId("M-1").build();
    }
}
