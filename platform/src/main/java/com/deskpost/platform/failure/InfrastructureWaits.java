package com.deskpost.platform.failure;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How every consumer of a service waits out our own infrastructure (PostgreSQL, the registry, the
 * broker) instead of dead-lettering: listener containers through {@link #around(CommonErrorHandler)},
 * Kafka Streams applications through {@link #streamThreads(String)}. Each wait is in {@link #waits()}.
 */
public final class InfrastructureWaits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureWaits.class);

    /** The longest pause between two tries while our infrastructure is down. */
    public static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    /** A stream thread failing again within this time continues its back-off instead of starting over. */
    private static final Duration BACK_OFF_MEMORY = Duration.ofMinutes(2);

    private final ConsumerWaits waits;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public InfrastructureWaits(ConsumerWaits waits) {
        this.waits = waits;
        // Resumes paused containers when their back-off ends; one thread, only ever busy for a moment.
        scheduler.setThreadNamePrefix("deskpost-consumer-waits-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    public ConsumerWaits waits() {
        return waits;
    }

    /** {@code otherwise} for every failure but our own infrastructure's, which waits instead. */
    public CommonErrorHandler around(CommonErrorHandler otherwise) {
        return new WaitingErrorHandler(otherwise, waits, scheduler);
    }

    /**
     * A Streams application's stream thread that died on an infrastructure failure is replaced after a
     * capped exponential back-off (1 s doubling to 30 s): the replacement reads again from the committed
     * offsets (exactly-once aborted the failed transaction), so nothing is lost and nothing dead-lettered.
     * The back-off is slept on the dying thread, before it gives up its tasks: well inside
     * {@code max.poll.interval.ms}, so its group does not rebalance for it. Any other failure replaces
     * the thread at once, as before.
     */
    public StreamsUncaughtExceptionHandler streamThreads(String applicationId) {
        return new StreamsUncaughtExceptionHandler() {
            private BackOffExecution backOff;
            private Instant lastFailure = Instant.MIN;

            @Override
            public StreamThreadExceptionResponse handle(Throwable exception) {
                Failure failure = Failures.classify(exception);
                if (!failure.isInfrastructure()) {
                    log.error("Stream thread of {} failed; replacing it", applicationId, exception);
                    return StreamThreadExceptionResponse.REPLACE_THREAD;
                }
                long pause = nextPause();
                waits.failed(applicationId, failure, Duration.ofMillis(pause), exception);
                log.warn("Stream thread of {} waits {} ms for {} before it is replaced: {}", applicationId, pause,
                        failure.tag(), exception.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }

            private synchronized long nextPause() {
                Instant now = Instant.now();
                if (backOff == null || now.isAfter(lastFailure.plus(BACK_OFF_MEMORY))) {
                    backOff = backOff().start();
                }
                lastFailure = now;
                return backOff.nextBackOff();
            }
        };
    }

    static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(MAX_BACK_OFF.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
