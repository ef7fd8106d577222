package com.deskpost.reliability.outage;

import com.deskpost.reliability.traffic.FacilityTraffic;
import java.util.concurrent.locks.LockSupport;

/**
 * Facility events at a steady rate on a thread of its own, from {@link #start} until {@link #stop}, whatever
 * happens to the system meanwhile: an outage of ours does not stop the facility systems from publishing.
 */
final class SteadyTraffic {

    private final FacilityTraffic traffic;
    private final double eventsPerSecond;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int published;

    private SteadyTraffic(FacilityTraffic traffic, double eventsPerSecond) {
        this.traffic = traffic;
        this.eventsPerSecond = eventsPerSecond;
        this.thread = new Thread(this::publish, "outage-traffic");
    }

    static SteadyTraffic start(FacilityTraffic traffic, double eventsPerSecond) {
        SteadyTraffic steady = new SteadyTraffic(traffic, eventsPerSecond);
        steady.thread.start();
        return steady;
    }

    /** Stops publishing and returns how many events were published. */
    int stop() throws InterruptedException {
        running = false;
        thread.join();
        return published;
    }

    private void publish() {
        long start = System.nanoTime();
        for (int i = 0; running; i++) {
            // Paced from the start, not from the last send: a send that blocked (broker away) is caught up on.
            long wait = start + (long) (i * 1e9 / eventsPerSecond) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (running) {
                traffic.next();
                published++;
            }
        }
    }
}
