package com.deskpost.delivery.guardrail;

import com.deskpost.platform.api.ApiDocs;
import com.deskpost.platform.api.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A sender domain's guardrail status, and the audited resume of its paused commercial mail (scope deliverability). */
@RestController
@ApiDocs
@Tag(name = "Sender domains", description = "Deliverability guardrails: a sender domain's bounce and complaint rates"
        + " over the window, and resuming its paused commercial mail (scope: deliverability)")
class SenderDomainsController {

    private static final String DOMAIN_FORM = "[a-z0-9.-]{1,253}";
    private static final String BY_FORM = "[A-Za-z0-9._:@-]{1,64}";

    private final SenderGuardrail guardrail;

    SenderDomainsController(SenderGuardrail guardrail) {
        this.guardrail = guardrail;
    }

    /** What the API shows of a sender domain. */
    @Schema(description = "A sender domain's rates over the window and whether its commercial mail is paused")
    record SenderDomainStatus(String senderDomain, boolean paused, Instant pausedAt, String pauseReason, long sent,
            long hardBounces, long complaints, double bounceRate, double complaintRate) {
    }

    /**
     * @param reason why it is safe to send again, for the audit
     * @param by the person acting through the API client, if the client acts for someone
     */
    @Schema(description = "Why the sender domain's commercial mail may go again")
    record ResumeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            example = "Removed the imported list that caused the complaints") String reason,
            @Schema(description = "The person acting, if the API client acts for someone", example = "ops:alice")
            String by) {
    }

    @GetMapping(path = "/api/v1/sender-domains/{domain}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "senderDomain", summary = "A sender domain's bounce and complaint rates and pause")
    @ApiResponse(responseCode = "200", description = "The domain's counts over the window (zero if none)")
    SenderDomainStatus show(@Parameter(description = "The From domain", example = "shoreditch.example.com")
            @PathVariable String domain) {
        return status(valid(domain));
    }

    @PostMapping(path = "/api/v1/sender-domains/{domain}/resume", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "resumeSenderDomain", summary = "Resume a paused sender domain's commercial mail",
            description = """
            Ends the pause: the commercial mail waiting on the retry path goes at its next attempt. Audited
            SENDER_RESUMED with the API client (and the person, if given) and the reason. The domain's counts
            restart from now, so the complaints that paused it do not pause it again at once.""")
    @ApiResponse(responseCode = "200", description = "Resumed: the domain's status now")
    @ApiResponse(responseCode = "404", description = "The domain is not paused (`not_found`)")
    SenderDomainStatus resume(@PathVariable String domain, @RequestBody ResumeRequest request, Principal client) {
        String senderDomain = valid(domain);
        if (request == null || !StringUtils.hasText(request.reason()) || request.reason().length() > 500
                || request.reason().contains("\n") || request.reason().contains("\r")) {
            throw new InvalidRequest("reason", "Say why it is safe to send again, in one line of at most 500"
                    + " characters: it is kept in the audit.");
        }
        if (request.by() != null && !request.by().matches(BY_FORM)) {
            throw new InvalidRequest("by", "by names the person acting: letters, digits and . _ : @ -, at most 64.");
        }
        String who = "api:" + client.getName() + (request.by() == null ? "" : " for " + request.by());
        guardrail.resume(senderDomain, who, request.reason().strip());
        return status(senderDomain);
    }

    private SenderDomainStatus status(String senderDomain) {
        WindowCounts window = guardrail.window(senderDomain);
        var pause = guardrail.pause(senderDomain);
        return new SenderDomainStatus(senderDomain, pause.isPresent(), pause.map(SenderPauses.Pause::pausedAt)
                .orElse(null), pause.map(SenderPauses.Pause::reason).orElse(null), window.sent(),
                window.hardBounces(), window.complaints(), window.bounceRate(), window.complaintRate());
    }

    private static String valid(String domain) {
        String senderDomain = SenderDomains.domainOf("@" + domain);
        if (!senderDomain.matches(DOMAIN_FORM)) {
            throw new InvalidRequest("domain", "Not a domain name: give the From domain, e.g. shoreditch.example.com.");
        }
        return senderDomain;
    }
}
