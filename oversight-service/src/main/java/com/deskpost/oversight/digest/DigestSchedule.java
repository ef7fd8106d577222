package com.deskpost.oversight.digest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Runs the staff digests at each time of {@code deskpost.oversight.digest-cron} ("-" turns them off) and
 * tells the job which time that is: every replica computes the same cron time, which is how they agree on
 * whose digest a run is ({@link CopyDigest}). A {@code @Scheduled} method cannot learn its scheduled time.
 */
@Component
class DigestSchedule implements SchedulingConfigurer {

    private final CopyDigest digest;
    private final String cron;

    DigestSchedule(CopyDigest digest, @Value("${deskpost.oversight.digest-cron:0 0 * * * *}") String cron) {
        this.digest = digest;
        this.cron = cron;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if ("-".equals(cron)) {
            return;
        }
        CronTrigger times = new CronTrigger(cron);
        // The scheduler asks for the next time after each run, so during a run this holds that run's time.
        AtomicReference<Instant> due = new AtomicReference<>();
        registrar.addTriggerTask(() -> digest.sendDigests(due.get()), context -> {
            Instant next = times.nextExecution(context);
            due.set(next);
            return next;
        });
    }
}
