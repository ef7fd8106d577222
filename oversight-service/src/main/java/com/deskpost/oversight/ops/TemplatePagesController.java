package com.deskpost.oversight.ops;

import com.deskpost.oversight.templates.TemplateChanges;
import com.deskpost.oversight.templates.TemplatePreviews;
import com.deskpost.oversight.templates.TemplateRefused;
import com.deskpost.oversight.templates.TemplateSlot;
import com.deskpost.oversight.templates.TemplateVersion;
import com.deskpost.oversight.templates.TestSends;
import com.deskpost.platform.template.TemplateCatalogue;
import com.deskpost.platform.template.TemplateEntry;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The admins' template pages: every template, a preview of one in every language with sample data (for every
 * location or one), and one override slot (template × language × location) with its editor, version history,
 * activation, rollback and test send. Previews show a mail's HTML inline, cleaned by the mail safelist, under a
 * Content-Security-Policy that allows no script at all: a preview can never run what an override contains.
 */
@Controller
class TemplatePagesController {

    static final String BASE = "/ops/admin/templates";
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final TemplateChanges changes;
    private final TemplatePreviews previews;
    private final TestSends testSends;
    private final OpsTemplates pages;

    TemplatePagesController(TemplateChanges changes, TemplatePreviews previews, TestSends testSends,
            OpsTemplates pages) {
        this.changes = changes;
        this.previews = previews;
        this.testSends = testSends;
        this.pages = pages;
    }

    /** An unknown template or a language Deskpost does not write: said on a page, with the way back. */
    @ExceptionHandler({TemplateRefused.class, IllegalArgumentException.class})
    ModelAndView refused(RuntimeException refused, Principal principal, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        ModelAndView page = new ModelAndView(pages.page("template-error"), Map.of("title", "Not possible",
                "member", principal == null ? "" : principal.getName(), "message", refused.getMessage()));
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    @GetMapping({BASE, BASE + "/"})
    ModelAndView list(Principal principal, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        Map<String, List<String>> overrides = new HashMap<>();
        changes.allActive().forEach(version -> overrides.computeIfAbsent(version.slot().template(), name -> new ArrayList<>())
                .add(version.slot().locale() + " @ " + version.slot().locationId() + " v" + version.version()));
        List<Map<String, Object>> rows = TemplateCatalogue.builtIn().all().stream().map(entry -> Map.<String, Object>of(
                "name", entry.name(), "composer", entry.composer(), "eventTypes", String.join(", ", entry.eventTypes()),
                "overrides", String.join("; ", overrides.getOrDefault(entry.name(), List.of())))).toList();
        return new ModelAndView(pages.page("templates"), Map.of("title", "Mail templates", "member",
                principal.getName(), "templates", rows));
    }

    @GetMapping(BASE + "/{name}")
    ModelAndView preview(@PathVariable String name, @RequestParam(defaultValue = "*") String location,
            Principal principal, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        TemplateEntry entry = TemplateCatalogue.builtIn().find(name).orElseThrow(() -> new TemplateRefused(
                "There is no template " + name));
        List<Map<String, Object>> shown = previews.everyLanguage(name, location).stream().map(preview -> Map.<String, Object>of(
                "locale", preview.locale(), "source", preview.source(), "subject", preview.mail().subject(),
                "text", preview.mail().text(), "safeHtml", TemplateViews.safe(preview.mail().html()))).toList();
        Map<String, Object> model = TemplateViews.entry(entry);
        model.putAll(Map.of("title", name, "member", principal.getName(), "location", location, "previews", shown));
        return new ModelAndView(pages.page("template"), model);
    }

    @GetMapping(BASE + "/{name}/edit")
    ModelAndView edit(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location, @RequestParam(required = false) Integer version,
            Principal principal, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        TemplateSlot slot = new TemplateSlot(name, locale, location);
        Map<String, Object> model = TemplateViews.slot(slot, changes, previews, version);
        model.putAll(Map.of("title", slot.describe(), "member", principal.getName()));
        return new ModelAndView(pages.page("template-edit"), model);
    }

    @PostMapping(BASE + "/{name}/versions")
    RedirectView save(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String html,
            Principal principal, RedirectAttributes redirect) {
        TemplateSlot slot = new TemplateSlot(name, locale, location);
        TemplateVersion saved = changes.save(slot, subject, text, html, principal.getName());
        redirect.addFlashAttribute("flash", Flash.ok("Saved version " + saved.version() + " of " + slot.describe()
                + ". It is not active yet."));
        return back(slot, saved.version());
    }

    @PostMapping(BASE + "/{name}/activate")
    RedirectView activate(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location, @RequestParam int version, Principal principal,
            RedirectAttributes redirect) {
        TemplateSlot slot = new TemplateSlot(name, locale, location);
        try {
            changes.activate(slot, version, principal.getName());
            redirect.addFlashAttribute("flash", Flash.ok("Version " + version + " of " + slot.describe()
                    + " is active: the next mail uses it."));
        } catch (TemplateRefused refused) {
            redirect.addFlashAttribute("flash", Flash.error("Not activated: " + refused.getMessage()
                    + (refused.problems().isEmpty() ? "." : "; fix the problems listed below.")));
        }
        return back(slot, version);
    }

    @PostMapping(BASE + "/{name}/built-in")
    RedirectView builtIn(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location, Principal principal, RedirectAttributes redirect) {
        TemplateSlot slot = new TemplateSlot(name, locale, location);
        changes.useBuiltIn(slot, principal.getName());
        redirect.addFlashAttribute("flash", Flash.ok(slot.describe() + " uses the built-in template again."));
        return back(slot, null);
    }

    @PostMapping(BASE + "/{name}/test-send")
    RedirectView testSend(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location, @RequestParam(required = false) Integer version,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String recipient,
            Principal principal, RedirectAttributes redirect) {
        TemplateSlot slot = new TemplateSlot(name, locale, location);
        try {
            String draftId = testSends.send(slot, TemplatePreviews.testLabel(version), previews.forTest(slot, version),
                    previews.sender(slot, from), recipient, principal.getName());
            redirect.addFlashAttribute("flash", Flash.ok("Test mail sent to " + recipient.strip() + " (draft "
                    + draftId + ")."));
        } catch (TemplateRefused refused) {
            redirect.addFlashAttribute("flash", Flash.error("Not sent: " + refused.getMessage() + "."));
        }
        return back(slot, version);
    }

    private static RedirectView back(TemplateSlot slot, Integer version) {
        return new RedirectView(BASE + "/" + slot.template() + "/edit?locale=" + slot.locale() + "&location="
                + URLEncoder.encode(slot.locationId(), StandardCharsets.UTF_8)
                + (version == null ? "" : "&version=" + version), true);
    }
}
