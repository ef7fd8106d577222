package com.deskpost.oversight.ops;

import com.deskpost.oversight.archive.DeliveryArchive;
import com.deskpost.oversight.archive.DeliveryArchive.Answer;
import com.deskpost.oversight.archive.DeliveryArchive.Entries;
import com.deskpost.oversight.archive.DeliveryArchive.Entry;
import com.deskpost.oversight.archive.DeliveryArchive.Text;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "What did we send to this member, when": delivery's sent-mail archive for one address, and one message's text, on
 * the ops page. Staff see the mail of the locations they approve for only, as with held drafts: a message about
 * another location is listed as hidden and its text answers as not found, confirming nothing about it.
 */
@Controller
class SentMailPageController {

    private final DeliveryArchive archive;
    private final StaffQueue staff;
    private final OpsTemplates templates;

    SentMailPageController(DeliveryArchive archive, StaffQueue staff, OpsTemplates templates) {
        this.archive = archive;
        this.staff = staff;
        this.templates = templates;
    }

    @GetMapping("/ops/sent")
    ModelAndView sent(@RequestParam(required = false) String recipient, @RequestParam(required = false) String cursor,
            Principal principal) {
        String member = principal.getName();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sent mail");
        model.put("member", member);
        model.put("recipient", recipient == null ? "" : recipient.strip());
        if (recipient != null && !recipient.isBlank()) {
            Answer<Entries> answer = archive.sentTo(recipient.strip(), cursor);
            model.put("problem", answer.problem());
            if (answer.value() != null) {
                List<String> locations = staff.locationsOf(member);
                List<Entry> all = answer.value().items();
                List<Entry> shown = all.stream().filter(entry -> locations.contains(entry.locationId())).toList();
                model.put("searched", true);
                model.put("entries", shown);
                model.put("hasEntries", !shown.isEmpty());
                model.put("hidden", all.size() - shown.size());
                model.put("hasHidden", all.size() > shown.size());
                model.put("recipientParam", URLEncoder.encode(recipient.strip(), StandardCharsets.UTF_8));
                model.put("nextCursor", answer.value().nextCursor());
            }
        }
        return new ModelAndView(templates.page("sent-mail"), model);
    }

    @GetMapping("/ops/sent/{sha256}")
    ModelAndView message(@PathVariable String sha256, Principal principal) {
        String member = principal.getName();
        Answer<Text> answer = archive.text(sha256);
        boolean theirs = answer.value() != null
                && staff.locationsOf(member).contains(answer.value().entry().locationId());
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sent message");
        model.put("member", member);
        model.put("sha256", sha256);
        if (theirs) {
            model.put("message", answer.value());
            return new ModelAndView(templates.page("sent-message"), model);
        }
        model.put("problem", answer.value() != null ? "No message " + sha256 + " was sent for a location you approve"
                + " for." : answer.problem());
        ModelAndView page = new ModelAndView(templates.page("sent-message"), model);
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
