package com.deskpost.oversight.ops;

import com.deskpost.oversight.dashboard.Dashboard;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The ops dashboard ({@code /ops/dashboard}, any staff member): counts by category and location and the queue's
 * size, never a recipient or a subject, so it is not limited to the locations a staff member approves for. Charts are
 * SVG drawn on the server: the page needs no script.
 */
@Controller
class DashboardPageController {

    private final Dashboard dashboard;
    private final OpsTemplates templates;

    DashboardPageController(Dashboard dashboard, OpsTemplates templates) {
        this.dashboard = dashboard;
        this.templates = templates;
    }

    @GetMapping("/ops/dashboard")
    ModelAndView dashboard(Principal principal) {
        Dashboard.View view = dashboard.view();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Dashboard");
        model.put("member", principal.getName());
        model.put("charts", view.charts());
        model.put("from", view.from().truncatedTo(ChronoUnit.SECONDS).toString());
        model.put("to", view.to().truncatedTo(ChronoUnit.SECONDS).toString());
        Instant now = Instant.now();
        List<Map<String, Object>> waiting = view.waiting().stream().map(entry -> Map.<String, Object>of(
                "locationId", entry.locationId(), "count", entry.count(),
                // The age reads as the time left would: "12 min", "3 h 5 min".
                "oldest", Duration.between(entry.oldestHeldAt(), now).toMinutes() < 1 ? "under a minute"
                        : TimeLeft.until(entry.oldestHeldAt(), now))).toList();
        model.put("waiting", waiting);
        model.put("hasWaiting", !waiting.isEmpty());
        model.put("problems", view.problems().entrySet().stream()
                .map(problem -> Map.of("source", problem.getKey(), "problem", problem.getValue())).toList());
        return new ModelAndView(templates.page("dashboard"), model);
    }
}
