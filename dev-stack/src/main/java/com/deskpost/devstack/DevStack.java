package com.deskpost.devstack;

import com.deskpost.testsupport.Postgres;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The README's run command: the whole of Deskpost in one process on a fresh machine, with
 * simulated facility traffic, and where to look printed at the end of start-up.
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        Duration interval = Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("DESKPOST_SIM_INTERVAL_MS", "3000")));
        // Owned, not shared: the shutdown below stops it after the services, not in a race with them.
        Postgres postgres = Postgres.start();
        LocalStack stack = LocalStack.infrastructure(LocalStack.Ports.WELL_KNOWN, postgres);
        FacilityPublisher publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        FacilitySimulator simulator = new FacilitySimulator(publisher);
        simulator.seedDirectory();
        DevDkimKeys dkim = new DevDkimKeys(SampleFacility.locations());
        stack.withDeliverySettings(dkim.deliverySettings()).startServices();
        WebInbox inbox = WebInbox.start(stack.smtp(), 8025);
        simulator.start(interval);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            inbox.close();
            publisher.close();
            stack.close();
            postgres.close();
            stopped.countDown();
        }, "dev-stack-shutdown"));
        System.out.println("""

                ==================================================================
                 Deskpost dev-stack is running. Ctrl-C stops everything.

                 Mail inbox (web)    %s
                 Mail (IMAP)         localhost:3143 (user and password: the address)
                 SMTP server         localhost:%d
                 Kafka broker        %s
                 Schema registry     %s/subjects
                 Ops page            http://localhost:8084/ops (user ops, password ops)
                 Delivery API        http://localhost:8085/api/v1/messages (Authorization: Bearer dev-only-api-key)
                 Audit API           http://localhost:8091/api/v1/audit (the same key), chain check at
                                     http://localhost:8091/api/v1/audit/verification
                 API documentation   http://localhost:8085/v3/api-docs (delivery), http://localhost:8091/v3/api-docs (audit)
                 MCP server (agents) http://localhost:8089/mcp (streamable HTTP; Authorization: Bearer
                                     dev-only-front-desk-agent-key to send, dev-only-reviewer-agent-key to approve)
                 Inbound mail        SMTP localhost:2526, or POST http://localhost:8088/api/v1/inbound/messages
                                     (Authorization: Bearer dev-only-inbound-webhook-key)
                 Facility ingest     POST http://localhost:8090/api/v1/events/facility.bookings (Avro JSON;
                                     Authorization: Bearer dev-only-ingest-key), OfficeRnD webhook
                                     POST http://localhost:8090/api/v1/webhooks/officernd, Stripe
                                     webhook POST http://localhost:8090/api/v1/webhooks/stripe
                                     (signing secret dev-only-stripe-webhook-secret)
                 PostgreSQL          %s (%s)
                 Health              http://localhost:8083/actuator/health (booking-events)
                                     http://localhost:8084/actuator/health (oversight-service)
                                     http://localhost:8085/actuator/health (delivery-service)
                                     http://localhost:8086/actuator/health (billing-events)
                                     http://localhost:8087/actuator/health (access-events)
                                     http://localhost:8088/actuator/health (community-events)
                                     http://localhost:8089/actuator/health (mcp-server)
                                     http://localhost:8090/actuator/health (ingest-service)
                                     http://localhost:8091/actuator/health (audit-service)
                 Simulator           a booking every %d ms across 4 locations
                 DKIM                every mail is signed with a key made at start (selector "dev");
                                     the DNS records an operator would publish for these domains:
                %s
                ==================================================================
                """.formatted(inbox.url(), stack.smtp().port(), stack.bootstrapServers(), stack.registryUrl(),
                stack.deliveryDatabase().jdbcUrl(), postgres.describe(), interval.toMillis(),
                String.join("\n", dkim.dnsRecords("bounce.deskpost.example", "relay.deskpost.example",
                        "inbound.deskpost.example").stream().map(line -> "   " + line).toList())));
        stopped.await();
    }
}
