package com.deskpost.platform.outbox;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An outbox relay in a process of its own, so a test can kill it with SIGKILL as an orchestrator kills a
 * replica: nothing closes its lock connection or its producer. Arguments: JDBC URL, user, password, bootstrap servers.
 */
public final class RelayProcess {

    private RelayProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], args[2]);
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(args[3]));
        new OutboxRelay(new JdbcTemplate(database), database, kafka, OutboxRelayElectionIT.SETTINGS).start();
        // The relay's threads are daemons: the process lives until it is killed.
        new CountDownLatch(1).await();
    }
}
