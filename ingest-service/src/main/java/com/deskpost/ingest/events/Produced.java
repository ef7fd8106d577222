package com.deskpost.ingest.events;

/** Where an ingested event was written, as the broker acknowledged it: the 202 body. */
public record Produced(String topic, int partition, long offset, String key) {
}
