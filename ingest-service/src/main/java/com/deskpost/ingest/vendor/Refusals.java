package com.deskpost.ingest.vendor;

import com.deskpost.ingest.directory.DirectoryEntries;
import com.deskpost.ingest.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * A directory entry a vendor described that the directory's rules refuse, as 422 with each problem at the path it
 * came from (the webhook's JSON path, or the configuration key the operator sets), so the fix is plain.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * @param code  the error code of the answer
     * @param what  what was refused, for the message ("OfficeRnD member 5e8c...", "Nexudus coworker 1234")
     * @param where the path a directory column was read from
     */
    public static ApiException refused(String code, String what, List<DirectoryEntries.Problem> problems,
            Function<String, String> where) {
        List<Map<String, Object>> listed = problems.stream().map(problem -> {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("path", where.apply(problem.column()));
            each.put("field", problem.column());
            each.put("message", problem.message());
            return each;
        }).toList();
        String first = (String) listed.get(0).get("path");
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, what + " cannot enter the directory: "
                + String.join("; ", listed.stream().map(p -> p.get("path") + ": " + p.get("message")).toList()),
                Map.of("path", first, "problems", listed));
    }
}
