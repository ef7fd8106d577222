package com.deskpost.oversight.ops;

import com.deskpost.oversight.notify.Delivery;
import com.deskpost.oversight.notify.NoticePreferences;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The signed-in approver's choice of how to hear of held drafts (/ops/notifications): a mail per draft, a digest, or
 * no mail. The same choice as {@code /api/v1/notifications/me}; it takes effect for the next held draft.
 */
@Controller
class NotificationsPageController {

    private final NoticePreferences preferences;
    private final OpsTemplates templates;

    NotificationsPageController(NoticePreferences preferences, OpsTemplates templates) {
        this.preferences = preferences;
        this.templates = templates;
    }

    @GetMapping("/ops/notifications")
    ModelAndView page(Principal principal) {
        String member = principal.getName();
        Delivery current = preferences.deliveryOf(member);
        List<Map<String, Object>> options = Arrays.stream(Delivery.values()).map(delivery -> Map.<String, Object>of(
                "value", delivery.name().toLowerCase(), "label", label(delivery), "checked", delivery == current))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Notifications");
        model.put("member", member);
        model.put("options", options);
        model.put("isDefault", !preferences.chosenBy(member));
        return new ModelAndView(templates.page("notifications"), model);
    }

    @PostMapping("/ops/notifications")
    RedirectView choose(@RequestParam(defaultValue = "") String delivery, Principal principal,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", Delivery.parse(delivery).map(chosen -> {
            preferences.choose(principal.getName(), chosen);
            return Flash.ok("Saved: " + label(chosen) + ".");
        }).orElseGet(() -> Flash.error("Not saved: choose one of immediate, digest or off.")));
        return new RedirectView("/ops/notifications", true);
    }

    private static String label(Delivery delivery) {
        return switch (delivery) {
            case IMMEDIATE -> "a mail for each held draft";
            case DIGEST -> "one digest mail listing the drafts held since the last one";
            case OFF -> "no mail (the ops page and any team webhooks only)";
        };
    }
}
