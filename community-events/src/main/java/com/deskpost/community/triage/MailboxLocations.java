package com.deskpost.community.triage;

import com.deskpost.community.Addresses;
import com.deskpost.community.CommunityProperties;
import com.deskpost.events.Location;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Which location an inbound mail was written to, told from its recipients: a sales mailbox (one
 * configured by address, or the sales local part at a location's sender domain) names its location;
 * otherwise a location's sender, reply-to or staff mailbox, and then any
 * address at the sender mailbox's domain (the {@code unsubscribe@} address of List-Unsubscribe is one).
 */
final class MailboxLocations {

    private final CommunityProperties properties;
    private final Directory directory;
    private final Supplier<List<Location>> locations;

    MailboxLocations(CommunityProperties properties, Directory directory, Supplier<List<Location>> locations) {
        this.properties = properties;
        this.directory = directory;
        this.locations = locations;
    }

    /** The location whose sales mailbox the mail was sent to, if any. */
    Optional<Location> salesLocation(List<String> to) {
        Optional<Location> configured = to.stream().map(properties::salesLocation).flatMap(Optional::stream)
                .findFirst().flatMap(directory::location);
        if (configured.isPresent() || properties.salesLocalPart().isEmpty()) {
            return configured;
        }
        List<Location> all = locations.get();
        for (String address : to) {
            if (!localPart(address).equals(properties.salesLocalPart())) {
                continue;
            }
            for (Location location : all) {
                if (Addresses.domain(address).equals(Addresses.domain(location.getSenderMailbox()))) {
                    return Optional.of(location);
                }
            }
        }
        return Optional.empty();
    }

    private static String localPart(String address) {
        String normalised = DraftIds.normaliseEmail(address);
        int at = normalised.lastIndexOf('@');
        return at < 0 ? normalised : normalised.substring(0, at);
    }

    Optional<Location> addressedTo(List<String> to) {
        Optional<Location> sales = salesLocation(to);
        if (sales.isPresent()) {
            return sales;
        }
        List<Location> all = locations.get();
        for (String address : to) {
            String wanted = DraftIds.normaliseEmail(address);
            for (Location location : all) {
                if (mailboxes(location).anyMatch(wanted::equals)) {
                    return Optional.of(location);
                }
            }
        }
        for (String address : to) {
            String domain = Addresses.domain(address);
            for (Location location : all) {
                if (!domain.isEmpty() && domain.equals(Addresses.domain(location.getSenderMailbox()))) {
                    return Optional.of(location);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the address is one of our own locations' mailboxes: mail from it is never answered (no loops). */
    boolean isOwnMailbox(String address) {
        String wanted = DraftIds.normaliseEmail(address);
        List<String> own = new ArrayList<>();
        locations.get().forEach(location -> {
            mailboxes(location).forEach(own::add);
            if (!properties.salesLocalPart().isEmpty()) {
                own.add(properties.salesLocalPart() + "@" + Addresses.domain(location.getSenderMailbox()));
            }
        });
        properties.salesMailboxes().forEach(m -> own.add(DraftIds.normaliseEmail(m.address())));
        return own.contains(wanted);
    }

    private static Stream<String> mailboxes(Location location) {
        return Stream.of(location.getSenderMailbox(), location.getReplyTo(), location.getStaffMailbox())
                .filter(Objects::nonNull).map(DraftIds::normaliseEmail);
    }
}
