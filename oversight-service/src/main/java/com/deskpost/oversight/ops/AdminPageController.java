package com.deskpost.oversight.ops;

import com.deskpost.oversight.admin.AdminRefusal;
import com.deskpost.oversight.admin.ChangeLog;
import com.deskpost.oversight.admin.Modes;
import com.deskpost.oversight.admin.PolicyAdmin;
import com.deskpost.oversight.admin.StaffAdmin;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The admin section of the ops page (role ADMIN; the security configuration guards {@code /ops/admin/**}): the
 * oversight policy, each location's approvers, the staff accounts and the history of changes, each form a change
 * through the same {@link PolicyAdmin} and {@link StaffAdmin} as the admin API, so the checks, guard rails and audit
 * are theirs. Every post redirects back with a message saying what was done or why not.
 */
@Controller
class AdminPageController {

    static final int HISTORY = 20;

    private final PolicyAdmin policy;
    private final StaffAdmin staff;
    private final ChangeLog changes;
    private final OpsTemplates templates;

    AdminPageController(PolicyAdmin policy, StaffAdmin staff, ChangeLog changes, OpsTemplates templates) {
        this.policy = policy;
        this.staff = staff;
        this.changes = changes;
        this.templates = templates;
    }

    @GetMapping({"/ops/admin", "/ops/admin/"})
    ModelAndView page(Principal principal) {
        return new ModelAndView(templates.page("admin"), AdminView.model(principal.getName(), policy.policy(),
                policy.approvers(), staff.accounts(), changes.recent(HISTORY)));
    }

    @PostMapping("/ops/admin/default-mode")
    RedirectView defaultMode(@RequestParam String mode, Principal admin, RedirectAttributes redirect) {
        return done(redirect, () -> {
            policy.setDefaultMode(admin.getName(), Modes.parse("The default mode", mode));
            return "Every location mailbox without a mode of its own is now " + mode + ".";
        });
    }

    /** {@code mode=default}: back to the default mode. */
    @PostMapping("/ops/admin/mailbox-mode")
    RedirectView mailboxMode(@RequestParam String locationId, @RequestParam String mode, Principal admin,
            RedirectAttributes redirect) {
        return done(redirect, () -> {
            policy.setMailboxMode(admin.getName(), locationId, "default".equals(mode) ? null
                    : Modes.parse("The mailbox mode", mode));
            return "The mailbox of " + locationId + " is now " + ("default".equals(mode) ? "at the default mode" : mode)
                    + ", from the next draft.";
        });
    }

    /** {@code mode=none}: the floor is removed. */
    @PostMapping("/ops/admin/floor")
    RedirectView floor(@RequestParam String eventType, @RequestParam String mode, Principal admin,
            RedirectAttributes redirect) {
        return done(redirect, () -> {
            policy.setFloor(admin.getName(), eventType, "none".equals(mode) ? null : Modes.parse("The floor", mode));
            return "none".equals(mode) ? "The floor for " + eventType.strip() + " is removed."
                    : "The floor for " + eventType.strip() + " is now " + mode + ", from the next draft.";
        });
    }

    /** Member ids separated by commas or spaces. */
    @PostMapping("/ops/admin/approvers")
    RedirectView approvers(@RequestParam String locationId, @RequestParam String approvers, Principal admin,
            RedirectAttributes redirect) {
        List<String> members = Arrays.stream(approvers.split("[,\\s]+")).filter(id -> !id.isBlank()).toList();
        return done(redirect, () -> "Approvers of " + locationId + ": "
                + policy.setApprovers(admin.getName(), locationId, members).effective() + ".");
    }

    @PostMapping("/ops/admin/approvers/reset")
    RedirectView resetApprovers(@RequestParam String locationId, Principal admin, RedirectAttributes redirect) {
        return done(redirect, () -> "Approvers of " + locationId + " are the location directory's again: "
                + policy.setApprovers(admin.getName(), locationId, null).effective() + ".");
    }

    @PostMapping("/ops/admin/staff")
    RedirectView create(@RequestParam String memberId, @RequestParam(defaultValue = "") String name,
            @RequestParam String password, @RequestParam(defaultValue = "false") boolean admin, Principal who,
            RedirectAttributes redirect) {
        return done(redirect, () -> "Staff account " + staff.create(who.getName(), memberId.strip(), name, password,
                admin).memberId() + " created" + (admin ? " (admin)." : "."));
    }

    @PostMapping("/ops/admin/staff/enabled")
    RedirectView enabled(@RequestParam String memberId, @RequestParam boolean enabled, Principal admin,
            RedirectAttributes redirect) {
        return done(redirect, () -> "Staff account " + staff.setEnabled(admin.getName(), memberId, enabled).memberId()
                + (enabled ? " enabled." : " disabled: it can no longer sign in."));
    }

    @PostMapping("/ops/admin/staff/admin")
    RedirectView admin(@RequestParam String memberId, @RequestParam boolean admin, Principal who,
            RedirectAttributes redirect) {
        return done(redirect, () -> staff.setAdmin(who.getName(), memberId, admin).memberId()
                + (admin ? " is now an admin." : " is no longer an admin."));
    }

    @PostMapping("/ops/admin/staff/password")
    RedirectView password(@RequestParam String memberId, @RequestParam String password, Principal admin,
            RedirectAttributes redirect) {
        return done(redirect, () -> "The password of " + staff.resetPassword(admin.getName(), memberId, password)
                .memberId() + " is reset.");
    }

    private static RedirectView done(RedirectAttributes redirect, Supplier<String> change) {
        Flash flash;
        try {
            flash = Flash.ok(change.get());
        } catch (AdminRefusal refused) {
            flash = Flash.error("Not changed: " + refused.getMessage());
        }
        redirect.addFlashAttribute("flash", flash);
        RedirectView adminPage = new RedirectView("/ops/admin", true);
        adminPage.setExposeModelAttributes(false);
        return adminPage;
    }
}
