package com.deskpost.delivery.contacts;

import com.deskpost.delivery.state.LiveState;
import com.deskpost.delivery.subject.SubjectDataSource;
import com.deskpost.events.Member;
import com.deskpost.platform.id.DraftIds;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The subject access section {@code directory}: the person's entries in the member directory (facility.members, as
 * every delivery instance holds it whole), every member id whose address is theirs, as the facility system last
 * published it.
 */
@Component
class DirectorySection implements SubjectDataSource {

    /**
     * One directory entry.
     *
     * @param changedAt when the facility system published this state of the entry
     */
    record Entry(String memberId, String email, String name, String locale, String role, String status,
            List<String> locationIds, List<String> tags, Map<String, String> externalIds, Instant changedAt) {

        static Entry of(Member member) {
            return new Entry(member.getMemberId(), member.getEmail(), member.getName(), member.getLocale(),
                    member.getRole().name(), member.getStatus().name(), List.copyOf(member.getLocationIds()),
                    List.copyOf(member.getTags()), Map.copyOf(member.getExternalIds()),
                    member.getHeader().getOccurredAt());
        }
    }

    private final LiveState directory;

    DirectorySection(LiveState directory) {
        this.directory = directory;
    }

    @Override
    public String section() {
        return "directory";
    }

    @Override
    public Object collect(String address, String pseudonym) {
        Set<String> keys = Set.of(address, pseudonym);
        return directory.members().stream()
                .filter(member -> keys.contains(DraftIds.normaliseEmail(member.getEmail())))
                .map(Entry::of)
                .sorted(Comparator.comparing(Entry::memberId))
                .toList();
    }
}
