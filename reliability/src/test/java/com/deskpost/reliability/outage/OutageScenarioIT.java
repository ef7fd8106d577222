package com.deskpost.reliability.outage;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.harness.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code outage} scenario's short variant, every service as its own process: 20-second outages of
 * PostgreSQL, the schema registry, the broker and the relay under steady traffic, nothing lost, nothing
 * dead-lettered. It starts eight service JVMs and takes about four minutes on two cores, so it is not part of
 * {@code ./mvnw verify}: run it with {@code -Dreliability.outage.it=true} once the services' executable jars
 * are built ({@code ./mvnw -pl reliability -am package -DskipTests}); {@code -Dreliability.outage.*} changes
 * its lengths.
 */
@EnabledIfSystemProperty(named = "reliability.outage.it", matches = "true")
class OutageScenarioIT {

    @Test
    void outagesOfEveryPieceOfOurInfrastructureCostNoMailAndDeadLetterNothing() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("delivery-service/target/delivery-service-0.1.0-SNAPSHOT-exec.jar"))
                .as("the services' executable jars (./mvnw -pl reliability -am package -DskipTests)").exists();
        Path out = Path.of("target", "reliability-it").toAbsolutePath();
        Files.createDirectories(out);
        Properties lengths = new Properties();
        lengths.setProperty("reliability.outage.rate", "10");
        lengths.setProperty("reliability.outage.warm-up", "20s");
        lengths.setProperty("reliability.outage.postgres", "20s");
        lengths.setProperty("reliability.outage.registry", "20s");
        lengths.setProperty("reliability.outage.broker", "20s");
        lengths.setProperty("reliability.outage.relay", "20s");
        lengths.setProperty("reliability.outage.recovery-limit", "5m");
        lengths.setProperty("reliability.outage.drain-limit", "5m");
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(OutageSettings.PREFIX))
                .forEach(name -> lengths.setProperty(name, System.getProperty(name)));

        // Given every service running as its own process, and traffic flowing
        try (Deployment deployment = Deployment.start(root, out)) {
            // When each piece of infrastructure goes away in turn and comes back
            ScenarioResult result = new OutageScenario(() -> deployment, OutageSettings.from(lengths)).run();

            // Then every mail arrived, none was dead-lettered or failed, and mail did flow
            System.out.println(result.line());
            result.notes().forEach(note -> System.out.println("  note: " + note));
            assertThat(result.violations()).isEmpty();
            assertThat(result.figures().get("lost")).isEqualTo(0);
            assertThat(result.figures().get("deadLettered")).isEqualTo(0);
            assertThat((Integer) result.figures().get("mailsReceived")).isPositive();
            assertThat((Long) result.figures().get("relayRefusals")).isPositive();
        }
    }
}
