package com.deskpost.delivery.subject;

import com.deskpost.platform.api.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;

/**
 * The audit trail's rows about a person, from audit-service's audit query by recipient: every page of it, under the
 * address and under the pseudonym (rows about the person written or pseudonymised after an erasure), in the order
 * things happened.
 */
final class AuditTrailPart implements SubjectDataSource {

    private static final ParameterizedTypeReference<Map<String, Object>> PAGE = new ParameterizedTypeReference<>() {
    };
    private static final String PAGE_SIZE = String.valueOf(Paging.MAX_LIMIT);

    private final RemoteService audit;

    AuditTrailPart(RemoteService audit) {
        this.audit = audit;
    }

    @Override
    public String section() {
        return "auditTrail";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(rowsOf(address));
        rows.addAll(rowsOf(pseudonym));
        rows.sort(Comparator.comparing((Map<String, Object> row) -> String.valueOf(row.get("occurredAt")))
                .thenComparing(row -> ((Number) row.getOrDefault("seq", 0)).longValue()));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rowsOf(String recipient) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("recipient", recipient, "limit", PAGE_SIZE));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Map<String, Object> page = audit.get("/api/v1/audit", query, PAGE);
            if (!(page.get("items") instanceof List<?> items)) {
                throw new SubjectPartUnavailable(audit.service(), audit.service() + " answered the audit query "
                        + "without items: are delivery and " + audit.service() + " of the same release?", null);
            }
            items.forEach(item -> rows.add((Map<String, Object>) item));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return rows;
    }
}
