package com.deskpost.platform.streams;

/**
 * An event naming a member or location the directory does not have (yet). A facility system often
 * publishes a new member's directory record and their first booking at nearly the same moment, on
 * different topics, so the composer may read the booking first: {@link EventRouting} parks such an
 * event and retries it until the directory has the entry, and dead-letters it only once
 * {@code deskpost.directory.grace} has passed.
 */
public class DirectoryMiss extends RejectedEvent {

    /** What the directory lacks. */
    public enum Entry { MEMBER, LOCATION }

    private final Entry entry;
    private final String id;

    public DirectoryMiss(Entry entry, String id, String reason) {
        super(reason);
        this.entry = entry;
        this.id = id;
    }

    /** The member {@code memberId} is not in facility.members; {@code reason} says which event named them. */
    public static DirectoryMiss member(String memberId, String reason) {
        return new DirectoryMiss(Entry.MEMBER, memberId, reason);
    }

    /** The location {@code locationId} is not in facility.locations; {@code reason} says which event named it. */
    public static DirectoryMiss location(String locationId, String reason) {
        return new DirectoryMiss(Entry.LOCATION, locationId, reason);
    }

    public Entry entry() {
        return entry;
    }

    public String id() {
        return id;
    }

    /** The same miss, its reason saying how long it waited before being given up. */
    DirectoryMiss gaveUpAfter(String waited) {
        return new DirectoryMiss(entry, id, getMessage() + "; waited " + waited + " for the directory");
    }
}
