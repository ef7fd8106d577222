package com.deskpost.oversight.api;

import com.deskpost.oversight.notify.Delivery;
import com.deskpost.oversight.notify.NoticePreferences;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in staff member's choice of how to hear of held drafts: {@code GET} and {@code PUT
 * /api/v1/notifications/me} with {@code {"delivery": "immediate" | "digest" | "off"}}. Each member sets only their own.
 */
@RestController
@RequestMapping("/api/v1/notifications/me")
class NotificationsController {

    record Choice(String delivery) {
    }

    private final NoticePreferences preferences;

    NotificationsController(NoticePreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    Map<String, Object> get(Principal who) {
        return view(who.getName());
    }

    @PutMapping
    ResponseEntity<?> choose(Principal who, @RequestBody(required = false) Choice choice) {
        return Delivery.parse(choice == null ? null : choice.delivery()).<ResponseEntity<?>>map(delivery -> {
            preferences.choose(who.getName(), delivery);
            return ResponseEntity.ok(view(who.getName()));
        }).orElseGet(() -> DecisionController.error(HttpStatus.BAD_REQUEST, "invalid_delivery",
                "Send {\"delivery\": \"immediate\"}, \"digest\" or \"off\"."));
    }

    private Map<String, Object> view(String memberId) {
        return Map.of("memberId", memberId, "delivery", preferences.deliveryOf(memberId).name().toLowerCase(),
                "chosen", preferences.chosenBy(memberId));
    }
}
