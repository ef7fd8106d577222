package com.deskpost.oversight.templates;

import com.deskpost.platform.template.TemplateCatalogue;
import com.deskpost.platform.template.TemplateEntry;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of templates (role ADMIN, {@code /api/v1/admin/templates}), the same operations as the ops page's
 * template pages: the catalogue, previews in every language, saving versions, activating, rolling back and test
 * sends. A refused change answers 422 with every problem; an unknown template or language 400.
 */
@RestController
@RequestMapping("/api/v1/admin/templates")
class TemplateApiController {

    private final TemplateChanges changes;
    private final TemplatePreviews previews;
    private final TestSends testSends;

    TemplateApiController(TemplateChanges changes, TemplatePreviews previews, TestSends testSends) {
        this.changes = changes;
        this.previews = previews;
        this.testSends = testSends;
    }

    /** A slot and, for saving, its three parts; for activating, the version; for a test, sender and recipient. */
    record SlotRequest(String locale, String location, String subject, String text, String html, Integer version,
            String from, String recipient) {
    }

    @GetMapping
    List<Map<String, Object>> catalogue() {
        return TemplateCatalogue.builtIn().all().stream().map(TemplateApiController::describe).toList();
    }

    @GetMapping("/{name}/preview")
    List<TemplatePreviews.Preview> preview(@PathVariable String name, @RequestParam(defaultValue = "*") String location) {
        return previews.everyLanguage(name, location);
    }

    @GetMapping("/{name}/versions")
    List<TemplateVersion> versions(@PathVariable String name, @RequestParam(defaultValue = "") String locale,
            @RequestParam(defaultValue = "") String location) {
        return changes.history(new TemplateSlot(name, locale, location));
    }

    @PostMapping("/{name}/versions")
    ResponseEntity<Map<String, Object>> save(@PathVariable String name, @RequestBody SlotRequest request,
            Principal principal) {
        TemplateSlot slot = new TemplateSlot(name, request.locale(), request.location());
        TemplateVersion saved = changes.save(slot, request.subject(), request.text(), request.html(),
                principal.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", saved.version());
        body.put("problems", TemplateValidation.check(TemplateChanges.entry(slot), saved.subject(), saved.text(),
                saved.html()).stream().map(Object::toString).toList());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @PostMapping("/{name}/activate")
    Map<String, Object> activate(@PathVariable String name, @RequestBody SlotRequest request, Principal principal) {
        TemplateSlot slot = new TemplateSlot(name, request.locale(), request.location());
        if (request.version() == null) {
            throw new TemplateRefused("Name the version to activate (\"version\": 3)");
        }
        changes.activate(slot, request.version(), principal.getName());
        return Map.of("key", slot.key(), "active", request.version());
    }

    @PostMapping("/{name}/built-in")
    Map<String, Object> builtIn(@PathVariable String name, @RequestBody SlotRequest request, Principal principal) {
        TemplateSlot slot = new TemplateSlot(name, request.locale(), request.location());
        changes.useBuiltIn(slot, principal.getName());
        return Map.of("key", slot.key(), "active", "built-in");
    }

    @PostMapping("/{name}/test-send")
    Map<String, Object> testSend(@PathVariable String name, @RequestBody SlotRequest request, Principal principal) {
        TemplateSlot slot = new TemplateSlot(name, request.locale(), request.location());
        return Map.of("draftId", testSends.send(slot, TemplatePreviews.testLabel(request.version()),
                previews.forTest(slot, request.version()), previews.sender(slot, request.from()), request.recipient(),
                principal.getName()));
    }

    @ExceptionHandler(TemplateRefused.class)
    ResponseEntity<Map<String, Object>> refused(TemplateRefused refused) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("error", "template_refused", "message",
                refused.getMessage(), "problems", refused.problems().stream().map(Object::toString).toList()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException invalid) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "message", invalid.getMessage()));
    }

    private static Map<String, Object> describe(TemplateEntry entry) {
        return Map.of("name", entry.name(), "composer", entry.composer(), "eventTypes", entry.eventTypes(),
                "required", entry.required(), "optional", entry.optional(), "lists", entry.listItems());
    }
}
