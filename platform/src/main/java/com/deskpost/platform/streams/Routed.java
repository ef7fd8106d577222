package com.deskpost.platform.streams;

/** A record already serialised for its destination topic, so one sink can write to many topics. */
record Routed(String topic, byte[] bytes) {
}
