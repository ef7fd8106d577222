package com.deskpost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Once a second: mails accepted by the sink and bookings produced, with the phase the run is in. */
final class Timeline implements AutoCloseable {

    private final SinkServer sink;
    private final long start = System.nanoTime();
    private final List<Map<String, Object>> points = new ArrayList<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "bench-timeline"));
    private volatile String phase = "start";
    private volatile Pipeline pipeline;
    private long lastMails;

    Timeline(SinkServer sink) {
        this.sink = sink;
        clock.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    void phase(String name, Pipeline current) {
        phase = name;
        pipeline = current;
    }

    private synchronized void sample() {
        long mails = sink.messages();
        Pipeline current = pipeline;
        points.add(Bench.ordered("t", Math.round((System.nanoTime() - start) / 1e8) / 10.0, "phase", phase,
                "mailsPerSecond", mails - lastMails, "bookingsProduced", current == null ? 0 : current.produced()));
        lastMails = mails;
    }

    synchronized List<Map<String, Object>> points() {
        return List.copyOf(points);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
