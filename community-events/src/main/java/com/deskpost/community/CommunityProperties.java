package com.deskpost.community;

import com.deskpost.platform.id.DraftIds;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How the community service fans out and which addresses are sales mailboxes.
 *
 * @param fanOut slicing of large announcements
 * @param salesLocalPart mail to this local part at a location's sender domain (sales@...) is a sales
 *     inquiry about that location; blank for none
 * @param salesMailboxes further addresses whose mail is a sales inquiry about a location
 */
@ConfigurationProperties("deskpost.community")
public record CommunityProperties(FanOut fanOut, String salesLocalPart, List<SalesMailbox> salesMailboxes) {

    public CommunityProperties {
        fanOut = fanOut == null ? new FanOut(null, null, null) : fanOut;
        salesLocalPart = salesLocalPart == null ? "sales" : salesLocalPart.strip().toLowerCase(Locale.ROOT);
        salesMailboxes = salesMailboxes == null ? List.of() : List.copyOf(salesMailboxes);
        for (int n = 0; n < salesMailboxes.size(); n++) {
            SalesMailbox mailbox = salesMailboxes.get(n);
            if (mailbox.address() == null || !mailbox.address().contains("@") || mailbox.locationId() == null) {
                throw new IllegalArgumentException("deskpost.community.sales-mailboxes[" + n
                        + "] needs an address (sales@...) and the location-id its inquiries are about");
            }
        }
    }

    /** The location whose sales mailbox {@code address} is, if it is one. */
    public Optional<String> salesLocation(String address) {
        String wanted = DraftIds.normaliseEmail(address);
        return salesMailboxes.stream().filter(m -> DraftIds.normaliseEmail(m.address()).equals(wanted))
                .map(SalesMailbox::locationId).findFirst();
    }

    /**
     * @param sliceSize members examined per slice of an announcement's fan-out
     * @param sliceInterval how often a slice runs while an announcement fans out
     * @param finishedGrace how long an announcement's plan is kept once its fan-out is complete (default 7 days)
     */
    public record FanOut(Integer sliceSize, Duration sliceInterval, Duration finishedGrace) {

        public FanOut(Integer sliceSize, Duration sliceInterval) {
            this(sliceSize, sliceInterval, null);
        }

        @ConstructorBinding
        public FanOut {
            sliceSize = sliceSize == null ? 500 : sliceSize;
            sliceInterval = sliceInterval == null ? Duration.ofMillis(20) : sliceInterval;
            finishedGrace = finishedGrace == null || finishedGrace.isNegative() ? Duration.ofDays(7) : finishedGrace;
            if (sliceSize < 1) {
                throw new IllegalArgumentException("deskpost.community.fan-out.slice-size must be at least 1");
            }
        }
    }

    /**
     * @param address the sales address, e.g. sales@shoreditch.example
     * @param locationId the location its inquiries are about
     */
    public record SalesMailbox(String address, String locationId) {
    }
}
