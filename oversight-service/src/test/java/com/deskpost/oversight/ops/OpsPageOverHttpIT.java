package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.GatedDrafts.keycodeReset;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.platform.topic.Lane;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ops page over plain HTTP against the running service: nothing without signing in; only the
 * drafts of locations whose approvers list names the staff member; a form posted twice decides
 * once; an edit can never replace a credential the page could only show masked; and "Sent mail" shows delivery's
 * archive, read server-side with oversight's key, for the staff member's locations only.
 */
class OpsPageOverHttpIT {

    private static final String LONDON_APPROVER = "M-LDN-LEAD";
    private static final String BERLIN_APPROVER = "M-BER-LEAD";
    private static final String PASSWORD = "correct horse battery staple";

    private static final String ARCHIVE_KEY = "oversight-archive-key-0123456789";

    private static RunningOversight oversight;
    private static DeliveryArchiveStub delivery;

    @BeforeAll
    static void start() {
        delivery = DeliveryArchiveStub.start("LDN-A", "BER-A");
        oversight = RunningOversight.start(
                List.of(location("LDN-A", LONDON_APPROVER), location("BER-A", BERLIN_APPROVER),
                        // a jurisdiction the consent rule does not know: a country code where "EU" was meant
                        Location.newBuilder(location("BER-B", BERLIN_APPROVER)).setJurisdiction("DE").build()),
                Map.of(LONDON_APPROVER, PASSWORD, BERLIN_APPROVER, PASSWORD),
                "--deskpost.oversight.archive.delivery-url=" + delivery.url(),
                "--deskpost.oversight.archive.api-key=" + ARCHIVE_KEY);
    }

    @AfterAll
    static void stop() {
        oversight.close();
        delivery.close();
    }

    @Test
    void sentMailShowsWhatWasSentToAMemberForTheStaffMembersLocationsOnly() {
        // Given London's approver, signed in
        StaffSession londoner = StaffSession.signIn(oversight::url, LONDON_APPROVER, PASSWORD);

        // When they look up what was sent to Ada, and open the London message and the Berlin one
        String list = londoner.get("/ops/sent?recipient=ada%2Btest@example.com").body();
        HttpResponse<String> london = londoner.get("/ops/sent/" + DeliveryArchiveStub.LONDON);
        HttpResponse<String> berlin = londoner.get("/ops/sent/" + DeliveryArchiveStub.BERLIN);
        HttpResponse<String> erased = londoner.get("/ops/sent/" + DeliveryArchiveStub.ERASED);

        // Then oversight asked delivery's archive with its own key, the address arriving as itself
        assertThat(delivery.requests()).contains(
                "GET /api/v1/archive?recipient=ada%2Btest%40example.com&cursor= Bearer " + ARCHIVE_KEY,
                "GET /api/v1/archive/" + DeliveryArchiveStub.LONDON + "/text Bearer " + ARCHIVE_KEY);
        // And the list shows London's mail, with its hash and retention, and only counts Berlin's
        assertThat(list).contains("id=\"sent-" + DeliveryArchiveStub.LONDON + "\"", "Your desk is booked",
                "2032-12-01T09:00:00Z").doesNotContain(DeliveryArchiveStub.BERLIN, "Dein Schreibtisch")
                .contains("1 more on this page are mail of locations you do not approve for");
        // And the London message's text is shown escaped; Berlin's is not found for them; erased content says so
        assertThat(london.statusCode()).isEqualTo(200);
        assertThat(london.body()).contains("Desk 12 is yours &lt;b&gt;on Monday&lt;/b&gt;.");
        assertThat(berlin.statusCode()).isEqualTo(404);
        assertThat(berlin.body()).doesNotContain("Berlin only").contains("a location you approve for");
        assertThat(erased.statusCode()).isEqualTo(404);
        assertThat(erased.body()).contains("was erased with its recipient");
    }

    @Test
    void theOpsPageRequiresSigningIn() {
        StaffSession stranger = StaffSession.anonymous(oversight::url);

        for (String page : List.of("/ops", "/ops/drafts/any", "/ops/sent?recipient=ada@example.com")) {
            HttpResponse<String> response = stranger.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(StaffSession.location(response)).as(page).endsWith("/ops/login");
        }
        assertThat(stranger.get("/ops/login").body()).contains("name=\"username\"", "name=\"password\"");
    }

    @Test
    void aWrongPasswordIsSentBackToTheSignInPageWithAMessage() {
        StaffSession stranger = StaffSession.anonymous(oversight::url);
        String csrf = StaffSession.hidden(stranger.get("/ops/login").body(), "_csrf");

        String page = stranger.submit("/ops/login", Map.of("username", LONDON_APPROVER, "password", "guess",
                "_csrf", csrf));

        assertThat(StaffSession.flash(page)).contains("do not match a staff account");
    }

    @Test
    void staffWhoDoNotApproveForALocationSeeNoneOfItsDraftsAndCannotDecideThem() {
        // Given a draft held in London and one in Berlin
        HeldDraft london = oversight.hold(keycodeReset("LDN-A", "ada@example.com", "4821-7730"));
        HeldDraft berlin = oversight.hold(keycodeReset("BER-A", "grace@example.com", "1234-5678"));

        // When Berlin's approver signs in
        StaffSession berliner = StaffSession.signIn(oversight::url, BERLIN_APPROVER, PASSWORD);
        String queue = berliner.get("/ops").body();

        // Then Berlin's draft is in their queue and London's is nowhere, not even by its address
        assertThat(queue).contains("pending-" + berlin.draftId()).doesNotContain(london.draftId(), "ada@example.com");
        HttpResponse<String> londonPage = berliner.get("/ops/drafts/" + london.draftId());
        assertThat(londonPage.statusCode()).isEqualTo(404);
        assertThat(londonPage.body()).doesNotContain("ada@example.com", london.subject());

        // And a hand-made approval of London's draft is refused, and says nothing about it
        String afterPost = berliner.submit("/ops/drafts/" + london.draftId() + "/approve",
                Map.of("decisionId", "forged-1", "_csrf", StaffSession.hidden(queue, "_csrf")));
        assertThat(StaffSession.flash(afterPost)).startsWith("Not done: " + BERLIN_APPROVER
                + " is not an approver of location LDN-A").doesNotContain(london.subject());
        assertThat(oversight.find(london.draftId()).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void anApproverSeesANoticeOfTheirLocationsWhoseJurisdictionIsNotRecognised() {
        // When Berlin's approver, whose BER-B says "DE", and London's, whose locations are all known, sign in
        String berlin = StaffSession.signIn(oversight::url, BERLIN_APPROVER, PASSWORD).get("/ops").body();
        String london = StaffSession.signIn(oversight::url, LONDON_APPROVER, PASSWORD).get("/ops").body();

        // Then Berlin's queue names BER-B, what it means and what to set; London's shows no notice
        assertThat(berlin).contains("id=\"unrecognised-jurisdictions\"", "strictest consent rule",
                "<strong>BER-B</strong>: jurisdiction &quot;DE&quot;", "DE is a country where GDPR applies: EU")
                .doesNotContain("id=\"jurisdiction-BER-A\"");
        assertThat(london).contains("id=\"locations\"").doesNotContain("unrecognised-jurisdictions");
    }

    @Test
    void postingTheSameDecisionFormTwiceDecidesOnce() {
        // Given a held draft on its page
        EmailDraft draft = keycodeReset("LDN-A", "alan@example.com", "9090-1111");
        oversight.hold(draft);
        StaffSession londoner = StaffSession.signIn(oversight::url, LONDON_APPROVER, PASSWORD);
        String page = londoner.get("/ops/drafts/" + draft.getDraftId()).body();
        Map<String, String> approveForm = Map.of(
                "decisionId", StaffSession.hidden(page, "approve-form", "decisionId"),
                "_csrf", StaffSession.hidden(page, "approve-form", "_csrf"));

        // When the approve form is posted twice (a double click, a resent POST)
        String first = londoner.submit("/ops/drafts/" + draft.getDraftId() + "/approve", approveForm);
        String second = londoner.submit("/ops/drafts/" + draft.getDraftId() + "/approve", approveForm);

        // Then the first approves, the second is recognised as the same decision
        assertThat(StaffSession.flash(first)).startsWith("Approved “Your master keycode at LDN-A was reset”");
        assertThat(StaffSession.flash(second)).contains("already recorded", "stays approved");
        HeldDraft decided = oversight.find(draft.getDraftId());
        assertThat(decided.status()).isEqualTo(Status.APPROVED);
        assertThat(decided.decisionId()).isEqualTo(approveForm.get("decisionId"));
    }

    @Test
    void editingOnlyTheSubjectOfADraftWithACredentialSendsTheRealCredential() {
        // Given a keycode reset whose composer asked for gated_all, on its page with the code's placeholder
        EmailDraft draft = keycodeReset("LDN-A", "edsger@example.com", "3141-5926", OversightMode.GATED_ALL);
        oversight.hold(draft);
        StaffSession londoner = StaffSession.signIn(oversight::url, LONDON_APPROVER, PASSWORD);
        String page = londoner.get("/ops/drafts/" + draft.getDraftId()).body();
        String shownText = StaffSession.textarea(page, "edit-body");
        assertThat(shownText).contains("⟦credential 1⟧").doesNotContain("3141-5926");

        // When the approver corrects the subject and sends the text back as shown (as a browser does: CRLF)
        String afterPost = londoner.submit("/ops/drafts/" + draft.getDraftId() + "/edit", Map.of(
                "decisionId", StaffSession.hidden(page, "edit-form", "decisionId"),
                "_csrf", StaffSession.hidden(page, "edit-form", "_csrf"),
                "subject", "Your new master keycode at LDN-A",
                "body", shownText.replace("\n", "\r\n")));

        // Then the mail released to delivery has the new subject, the placeholder and the sealed code
        assertThat(StaffSession.flash(afterPost)).startsWith("Approved");
        await().atMost(RunningOversight.WAIT).untilAsserted(() -> {
            var found = oversight.committed(Lane.of(draft).outbound()).stream().map(OutboundEmail::getDraft)
                    .filter(d -> d.getDraftId().equals(draft.getDraftId())).findFirst();
            assertThat(found).as("released to mail.outbound.priority").isPresent();
            EmailDraft released = found.get();
            assertThat(released.getSubject()).isEqualTo("Your new master keycode at LDN-A");
            assertThat(released.getBodyText()).isEqualTo(draft.getBodyText());
            assertThat(released.getSecrets()).isEqualTo(draft.getSecrets());
        });
    }

    @Test
    void anEditThatNamesACredentialTheDraftDoesNotCarryIsRefused() {
        // Given a gated_all keycode reset on its page
        EmailDraft draft = keycodeReset("LDN-A", "barbara@example.com", "2718-2818", OversightMode.GATED_ALL);
        oversight.hold(draft);
        StaffSession londoner = StaffSession.signIn(oversight::url, LONDON_APPROVER, PASSWORD);
        String page = londoner.get("/ops/drafts/" + draft.getDraftId()).body();

        // When the approver adds a placeholder for a second credential the draft does not carry
        String afterPost = londoner.submit("/ops/drafts/" + draft.getDraftId() + "/edit", Map.of(
                "decisionId", StaffSession.hidden(page, "edit-form", "decisionId"),
                "_csrf", StaffSession.hidden(page, "edit-form", "_csrf"),
                "subject", "Your master keycode at LDN-A was reset",
                "body", StaffSession.textarea(page, "edit-body") + "\nThe alarm code is ⟦credential 2⟧."));

        // Then nothing is decided, and the page says why
        assertThat(StaffSession.flash(afterPost)).startsWith("Not done: The edit names a credential this draft"
                + " does not carry");
        assertThat(oversight.find(draft.getDraftId()).status()).isEqualTo(Status.PENDING);
    }

    private static Location location(String id, String approver) {
        return Location.newBuilder(aLocation(id).build()).setApprovers(List.of(approver)).build();
    }
}
