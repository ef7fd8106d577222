package com.deskpost.reliability.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A single-node KRaft Kafka (broker and controller in one process) whose log directory survives the
 * process: formatted on the first start only, then reused, so the broker can be killed with SIGKILL and
 * come back with its topics, offsets and transactions. test-support's in-JVM broker formats a fresh
 * directory each time and dies with its JVM, so it cannot play this part.
 *
 * <p>Arguments: {@code <log dir> <client port> <controller port>}.
 */
public final class BrokerMain {

    static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qg";

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        Path logDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(logDir);
        Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
        Files.write(config, settings(logDir, port, controllerPort), StandardCharsets.UTF_8);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "--cluster-id", CLUSTER_ID,
                    "--config", config.toString(), "--ignore-formatted"}, new PrintStream(System.out, true));
            if (formatted != 0) {
                throw new IllegalStateException("Could not format " + logDir + " (exit " + formatted + ")");
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static List<String> settings(Path logDir, int port, int controllerPort) {
        return List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                // One node: internal topics with one replica, or groups and transactions (exactly_once_v2) hang.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "num.partitions=3",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true");
    }
}
