package com.deskpost.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and memory of this process, which holds every component of the run. */
final class ProcessStats {

    private ProcessStats() {
    }

    /** Milliseconds the JIT compiler threads have spent compiling since the JVM started. */
    static long compilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    static double cpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /**
     * CPU seconds (user and system) of every live process whose command is {@code postgres}: the server the run's
     * databases live on, a process of its own, so outside {@link #cpuSeconds}. Read from /proc (no library reads
     * another process's times); 0 where /proc is not available.
     */
    static double postgresCpuSeconds() {
        double ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    // After the command: state is field 3; utime and stime are fields 14 and 15.
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // The process ended while being read.
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    /** Linux's USER_HZ, 100 on every architecture the JDK runs on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    /** Peak resident set size (VmHWM) in MiB, or -1 where /proc is not available. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static double peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }
}
