package com.deskpost.oversight.admin;

import com.deskpost.events.OversightMode;
import com.deskpost.oversight.policy.PolicySettings;
import com.deskpost.oversight.staff.StaffAccount;
import com.deskpost.oversight.staff.StaffDirectory;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API (role ADMIN, HTTP Basic; the security configuration guards {@code /api/v1/admin/**}): the oversight
 * policy, each location's approvers and the staff accounts, read and changed at runtime. Modes are written in lower
 * case; a refused change answers JSON {@code {"error": code, "message": what to do}} and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminApiController {

    /** The whole policy; PUT replaces it, so every part must be given (GET it first). */
    record PolicyBody(String defaultMode, Map<String, String> mailboxModes, Map<String, String> eventTypeFloors) {
    }

    record ApproversBody(List<String> approvers) {
    }

    record NewAccount(String memberId, String name, String password, Boolean admin) {
    }

    /** Only what is given changes. */
    record AccountChange(Boolean enabled, Boolean admin) {
    }

    record PasswordBody(String password) {
    }

    private final PolicyAdmin policy;
    private final StaffAdmin staff;
    private final ChangeLog changes;

    AdminApiController(PolicyAdmin policy, StaffAdmin staff, ChangeLog changes) {
        this.policy = policy;
        this.staff = staff;
        this.changes = changes;
    }

    @GetMapping("/policy")
    Map<String, Object> policy() {
        return policy.policy().describe();
    }

    @PutMapping("/policy")
    Map<String, Object> replacePolicy(Principal admin, @RequestBody PolicyBody body) {
        if (body.defaultMode() == null || body.mailboxModes() == null || body.eventTypeFloors() == null) {
            throw AdminRefusal.invalid("incomplete_policy", "PUT replaces the whole policy: give defaultMode, "
                    + "mailboxModes and eventTypeFloors (GET /api/v1/admin/policy, change it, PUT it back).");
        }
        return policy.replace(admin.getName(), new PolicySettings(Modes.parse("defaultMode", body.defaultMode()),
                modes("mailboxModes", body.mailboxModes()), modes("eventTypeFloors", body.eventTypeFloors())))
                .describe();
    }

    @GetMapping("/approvers")
    List<StaffDirectory.LocationApprovers> approvers() {
        return policy.approvers();
    }

    @PutMapping("/approvers/{locationId}")
    StaffDirectory.LocationApprovers setApprovers(Principal admin, @PathVariable String locationId,
            @RequestBody ApproversBody body) {
        if (body.approvers() == null) {
            throw AdminRefusal.invalid("no_approvers", "Give approvers: a list of member ids.");
        }
        return policy.setApprovers(admin.getName(), locationId, body.approvers());
    }

    /** Back to the location directory's approvers. */
    @DeleteMapping("/approvers/{locationId}")
    StaffDirectory.LocationApprovers resetApprovers(Principal admin, @PathVariable String locationId) {
        return policy.setApprovers(admin.getName(), locationId, null);
    }

    @GetMapping("/staff")
    List<Map<String, Object>> accounts() {
        return staff.accounts().stream().map(AdminApiController::view).toList();
    }

    @PostMapping("/staff")
    ResponseEntity<Map<String, Object>> create(Principal admin, @RequestBody NewAccount body) {
        StaffAccount created = staff.create(admin.getName(), body.memberId(), body.name(), body.password(),
                Boolean.TRUE.equals(body.admin()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
    }

    @PutMapping("/staff/{memberId}")
    Map<String, Object> change(Principal admin, @PathVariable String memberId, @RequestBody AccountChange body) {
        if (body.enabled() == null && body.admin() == null) {
            throw AdminRefusal.invalid("nothing_to_change", "Give enabled (true/false), admin (true/false) or both.");
        }
        StaffAccount account = null;
        if (body.enabled() != null) {
            account = staff.setEnabled(admin.getName(), memberId, body.enabled());
        }
        if (body.admin() != null) {
            account = staff.setAdmin(admin.getName(), memberId, body.admin());
        }
        return view(account);
    }

    @PutMapping("/staff/{memberId}/password")
    Map<String, Object> resetPassword(Principal admin, @PathVariable String memberId, @RequestBody PasswordBody body) {
        return view(staff.resetPassword(admin.getName(), memberId, body.password()));
    }

    @GetMapping("/changes")
    List<ChangeLog.Change> changes() {
        return changes.recent(50);
    }

    @ExceptionHandler(AdminRefusal.class)
    ResponseEntity<Map<String, String>> refused(AdminRefusal refusal) {
        return ResponseEntity.status(refusal.status()).body(Map.of("error", refusal.code(), "message",
                refusal.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_json", "message", "The body is not the "
                + "JSON this endpoint takes (docs/operations.md, \"Managing policy at runtime\")."));
    }

    private static Map<String, OversightMode> modes(String what, Map<String, String> given) {
        Map<String, OversightMode> modes = new LinkedHashMap<>();
        given.forEach((key, mode) -> modes.put(key, Modes.parse(what + "." + key, mode)));
        return modes;
    }

    /** Never the password's hash. */
    static Map<String, Object> view(StaffAccount account) {
        return Map.of("memberId", account.memberId(), "name", account.name(), "admin", account.admin(),
                "enabled", account.enabled());
    }
}
