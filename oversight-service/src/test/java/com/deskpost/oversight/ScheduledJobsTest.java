package com.deskpost.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Oversight's scheduled jobs share a pool (oversight-service.yml): one that hangs does not hold up the others. */
class ScheduledJobsTest {

    @Test
    void aJobThatHangsDoesNotHoldUpTheOthers() throws IOException {
        PropertySource<?> settings = new YamlPropertySourceLoader()
                .load("oversight-service", new ClassPathResource("oversight-service.yml")).get(0);
        Object poolSize = settings.getProperty("spring.task.scheduling.pool.size");
        assertThat(poolSize).as("oversight's scheduler pool").isNotNull();

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withUserConfiguration(Jobs.class)
                .withPropertyValues("spring.task.scheduling.pool.size=" + poolSize)
                .run(context -> {
                    Jobs jobs = context.getBean(Jobs.class);
                    try {
                        // Given one job that hangs (a digest run waiting out PostgreSQL, say)
                        assertThat(jobs.hanging.await(30, TimeUnit.SECONDS)).isTrue();

                        // Then another keeps running meanwhile
                        int before = jobs.runs.get();
                        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.runs.get() > before + 2);
                    } finally {
                        jobs.release.countDown();
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Jobs {

        final CountDownLatch hanging = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        @Scheduled(fixedDelay = 10)
        void hang() throws InterruptedException {
            hanging.countDown();
            release.await();
        }

        @Scheduled(fixedDelay = 10)
        void expire() {
            runs.incrementAndGet();
        }
    }
}
