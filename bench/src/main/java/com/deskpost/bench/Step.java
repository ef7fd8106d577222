package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One offered rate for a fixed time. Sustained when the mail delivered during the step kept up
 * with the mail offered (at least 90 %: the pipeline's own latency is the rest) and what was left
 * at its end arrived within 3 seconds; otherwise the backlog grows.
 */
record Step(double bookingsPerSecond, int seconds, double mailsPerSecond, long backlogAtEnd, double drainSeconds,
        double cpuSecondsPerThousandMails, double postgresCpuSecondsPerThousandMails, CpuSplit cpuPerThousandMails,
        boolean sustained) {

    static Step run(Pipeline pipeline, SinkServer sink, double rate, int seconds) {
        long before = sink.messages();
        CpuSplit.Reading split = CpuSplit.read();
        double postgresCpu = ProcessStats.postgresCpuSeconds();
        long start = System.nanoTime();
        Load.offer(pipeline, rate, seconds);
        double offeredFor = (System.nanoTime() - start) / 1e9;
        long delivered = sink.messages() - before;
        long expected = Math.round(rate * seconds) * Pipeline.MAILS_PER_BOOKING;
        long backlog = expected - delivered;
        long drainStart = System.nanoTime();
        Load.await(() -> sink.messages() >= before + expected, Duration.ofMinutes(3));
        double drain = (System.nanoTime() - drainStart) / 1e9;
        double postgresPerThousand = (ProcessStats.postgresCpuSeconds() - postgresCpu)
                / Math.max(1, sink.messages() - before) * 1000;
        CpuSplit splitPerThousand = CpuSplit.read().since(split, sink.messages() - before, 1000);
        double cpuPerThousand = splitPerThousand.total();
        double mailsPerSecond = delivered / offeredFor;
        boolean kept = mailsPerSecond >= 0.9 * rate * Pipeline.MAILS_PER_BOOKING && drain < 3.0;
        return new Step(rate, seconds, mailsPerSecond, backlog, drain, cpuPerThousand, postgresPerThousand,
                splitPerThousand, kept);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("offeredBookingsPerSecond", bookingsPerSecond);
        map.put("offeredMailsPerSecond", bookingsPerSecond * Pipeline.MAILS_PER_BOOKING);
        map.put("deliveredMailsPerSecond", round(mailsPerSecond));
        map.put("backlogAtEnd", backlogAtEnd);
        map.put("drainSeconds", round(drainSeconds));
        map.put("cpuSecondsPer1000Mails", round(cpuSecondsPerThousandMails));
        map.put("postgresCpuSecondsPer1000Mails", round(postgresCpuSecondsPerThousandMails));
        map.put("cpuSecondsPer1000MailsBy", cpuPerThousandMails.asMap());
        map.put("sustained", sustained);
        return map;
    }
}
