package com.deskpost.platform.config;

import com.deskpost.platform.streams.EventRouting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How composers treat an event whose member or location the directory does not have yet.
 *
 * @param grace how long such an event waits for the directory, from when it was first seen, before it is
 *     dead-lettered (default 5m; 0 dead-letters at once)
 */
@ConfigurationProperties("deskpost.directory")
public record DirectoryProperties(Duration grace) {

    public DirectoryProperties {
        grace = grace == null ? EventRouting.DEFAULT_DIRECTORY_GRACE : grace;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("deskpost.directory.grace must not be negative: " + grace);
        }
    }
}
