package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.HeldDrafts.NOW;
import static com.deskpost.oversight.ops.HeldDrafts.aHeldDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.ops.QueuePageController.DecisionIds;
import com.deskpost.oversight.queue.HeldDraft.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/** The ops pages as HTML: what staff see, what they can do, and what never reaches the page. */
class OpsPagesTest {

    private static final String CSRF = "csrf-token-of-this-session";

    private final OpsTemplates templates = new OpsTemplates();

    @Test
    void theQueueShowsModeReasonRecipientMaskedPreviewAndTimeLeft() throws Exception {
        // Given a held keycode reset whose code the queue stored masked
        DraftView draft = DraftView.of(aHeldDraft().build(), NOW);

        // When the queue page is rendered
        String html = render("queue", queueModel(List.of(draft), List.of()));

        // Then the row says all a staff member needs to triage it
        assertThat(html).contains("id=\"pending-" + draft.draftId() + "\"", "gated_send",
                "event type master_keycode_reset has floor gated_send", "ada@example.com",
                "Your master keycode was reset", "the new master keycode is ⟦credential 1⟧.", "23 h 59 min",
                "href=\"/ops/drafts/" + draft.draftId() + "\"");
        assertThat(html).contains("No decisions yet.");
    }

    @Test
    void draftTextIsEscapedSoAMemberCannotPutMarkupOnAStaffPage() throws Exception {
        // Given an inquiry whose subject and text carry markup
        DraftView draft = DraftView.of(aHeldDraft().subject("<script>alert('x')</script>")
                .preview("<img src=x onerror=alert(1)>").build(), NOW);

        String queue = render("queue", queueModel(List.of(draft), List.of()));
        String detail = render("draft", draftModel(draft));

        for (String html : List.of(queue, detail)) {
            assertThat(html).doesNotContain("<script>alert", "<img src=x").contains("&lt;script&gt;", "&lt;img src");
        }
    }

    @Test
    void aGatedSendDraftCanBeApprovedOrRejectedButNotEdited() throws Exception {
        DraftView draft = DraftView.of(aHeldDraft().mode(OversightMode.GATED_SEND).build(), NOW);

        String html = render("draft", draftModel(draft));

        assertThat(html).contains("id=\"approve-form\"", "id=\"reject-form\"").doesNotContain("id=\"edit-form\"");
        assertThat(html).containsPattern("<textarea id=\"reject-reason\" name=\"reason\"[^>]* required>");
    }

    @Test
    void aGatedAllDraftCanAlsoBeEditedStartingFromTheMaskedText() throws Exception {
        DraftView draft = DraftView.of(aHeldDraft().mode(OversightMode.GATED_ALL).subject("Re: your tour")
                .preview("\nThanks for asking.").build(), NOW);

        String html = render("draft", draftModel(draft));

        assertThat(html).contains("id=\"edit-form\"", "name=\"subject\" value=\"Re: your tour\"");
        // The parser drops one newline after <textarea>; the template adds it, so the text's own first newline survives.
        assertThat(html).contains("name=\"body\" rows=\"14\">\n\nThanks for asking.</textarea>");
    }

    @Test
    void everyFormPostsTheCsrfTokenAndItsOwnDecisionId() throws Exception {
        DraftView draft = DraftView.of(aHeldDraft().mode(OversightMode.GATED_ALL).build(), NOW);

        String html = render("draft", draftModel(draft));

        List<String> forms = all(Pattern.compile("<form .*?</form>", Pattern.DOTALL), html);
        assertThat(forms).hasSize(4); // sign out, approve, reject, edit
        assertThat(forms).allSatisfy(form ->
                assertThat(form).contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + CSRF + "\">"));
        List<String> decisionIds = all(Pattern.compile("name=\"decisionId\" value=\"([^\"]+)\""), html);
        assertThat(decisionIds).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void noIdIsUsedTwiceOnAPage() throws Exception {
        // Labels, browsers and tests find fields by id; a duplicate silently picks the wrong element.
        DraftView gatedAll = DraftView.of(aHeldDraft().mode(OversightMode.GATED_ALL).build(), NOW);
        DraftView other = DraftView.of(aHeldDraft().id("7f3c2a10-0000-4000-8000-000000000002").build(), NOW);
        DraftView decided = DraftView.of(aHeldDraft().id("7f3c2a10-0000-4000-8000-000000000003")
                .decided(Status.APPROVED, "M-STAFF-1", null).build(), NOW);

        for (String html : List.of(render("draft", draftModel(gatedAll)),
                render("queue", queueModel(List.of(gatedAll, other), List.of(decided))))) {
            assertThat(all(Pattern.compile(" id=\"([^\"]+)\""), html)).doesNotHaveDuplicates();
        }
    }

    @Test
    void aDecidedDraftShowsTheDecisionAndOffersNoForms() throws Exception {
        DraftView draft = DraftView.of(aHeldDraft().decided(Status.REJECTED, "M-STAFF-1", "Wrong member").build(),
                NOW);

        String html = render("draft", draftModel(draft));

        assertThat(html).contains("rejected by M-STAFF-1 at 2026-03-03 09:00 UTC: Wrong member")
                .doesNotContain("approve-form", "reject-form", "edit-form");
    }

    @Test
    void aDraftWhoseRecipientWasErasedStillListsAndOpensWithoutTheirData() throws Exception {
        // Given a decided draft as the queue keeps it after its recipient's GDPR erasure
        DraftView erased = DraftView.of(aHeldDraft().decided(Status.APPROVED, "M-STAFF-1", null).build()
                .erased("erased:b5fc85e55755f9e0"), NOW);

        String queue = render("queue", queueModel(List.of(), List.of(erased)));
        String detail = render("draft", draftModel(erased));

        // Then both pages render it, by pseudonym, with a link to open it and none of the person's text
        assertThat(queue).contains("id=\"decided-" + erased.draftId() + "\"", "erased:b5fc85e55755f9e0",
                "href=\"/ops/drafts/" + erased.draftId() + "\">(erased)</a>");
        assertThat(detail).contains("erased:b5fc85e55755f9e0", "approved by M-STAFF-1");
        for (String html : List.of(queue, detail)) {
            assertThat(html).doesNotContain("ada@example.com", "Hello Ada", "master keycode was reset");
        }
    }

    @Test
    void recentDecisionsListOutcomeApproverAndReason() throws Exception {
        DraftView decided = DraftView.of(aHeldDraft().decided(Status.REJECTED, "M-STAFF-1", "Wrong member").build(),
                NOW);

        String html = render("queue", queueModel(List.of(), List.of(decided)));

        assertThat(html).contains("Nothing is waiting for a decision.", "id=\"decided-" + decided.draftId() + "\"",
                "rejected", "M-STAFF-1", "Wrong member");
    }

    @Test
    void theQueueListsTheMembersLocationsWhoseJurisdictionIsNotRecognisedAndWhatToSet() throws Exception {
        // Given two of the member's locations whose jurisdiction the consent rule does not know
        Map<String, Object> model = queueModel(List.of(), List.of());
        List<JurisdictionNotice> unrecognised = JurisdictionNotice.of(List.of(
                aLocation("LDN-2").jurisdiction("GB").build(),
                aLocation("TOR-1").jurisdiction("<b>CA</b>").build()));
        model.put("unrecognisedJurisdictions", unrecognised);
        model.put("hasUnrecognisedJurisdictions", true);

        // When the queue page is rendered
        String html = render("queue", model);

        // Then a notice names each, says what it means and what to set, escaped like everything else
        assertThat(html).contains("id=\"unrecognised-jurisdictions\" role=\"alert\"",
                "judged by the strictest consent rule", "id=\"jurisdiction-LDN-2\"",
                "<strong>LDN-2</strong>: jurisdiction &quot;GB&quot;; set the location&#39;s jurisdiction to one of EU, UK,"
                        + " US-CA, US (GB is the United Kingdom&#39;s country code: UK)",
                "id=\"jurisdiction-TOR-1\"", "&lt;b&gt;CA&lt;/b&gt;").doesNotContain("<b>CA</b>");
        assertThat(all(Pattern.compile(" id=\"([^\"]+)\""), html)).doesNotHaveDuplicates();
    }

    @Test
    void theQueueShowsNoJurisdictionNoticeWhenEveryCodeIsRecognised() throws Exception {
        Map<String, Object> model = queueModel(List.of(), List.of());
        model.put("unrecognisedJurisdictions", List.of());
        model.put("hasUnrecognisedJurisdictions", false);

        assertThat(render("queue", model)).doesNotContain("unrecognised-jurisdictions", "not recognised");
    }

    @Test
    void theSignInPagePostsMemberIdAndPasswordWithTheCsrfToken() throws Exception {
        String html = render("login", Map.of("title", "Sign in", "failed", true, "signedOut", false));

        assertThat(html).contains("action=\"/ops/login\"", "name=\"username\"", "name=\"password\"",
                "name=\"_csrf\" value=\"" + CSRF + "\"", "do not match a staff account").doesNotContain("Sign out");
    }

    private String render(String page, Map<String, Object> model) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ops");
        request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", CSRF));
        MockHttpServletResponse response = new MockHttpServletResponse();
        templates.page(page).render(model, request, response);
        assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
        return response.getContentAsString();
    }

    private static Map<String, Object> queueModel(List<DraftView> pending, List<DraftView> recent) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Approval queue");
        model.put("member", "M-STAFF-1");
        model.put("locations", "LDN-1");
        model.put("approver", true);
        model.put("pending", pending);
        model.put("pendingCount", pending.size());
        model.put("hasPending", !pending.isEmpty());
        model.put("recent", recent);
        model.put("hasRecent", !recent.isEmpty());
        return model;
    }

    private static Map<String, Object> draftModel(DraftView draft) {
        return Map.of("title", draft.subject(), "member", "M-STAFF-1", "draft", draft, "decision",
                DecisionIds.fresh());
    }

    private static List<String> all(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
        return found;
    }
}
