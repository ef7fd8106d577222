package com.deskpost.ingest;

import com.deskpost.ingest.auth.Authenticator;
import com.deskpost.ingest.auth.IngestClients;
import com.deskpost.ingest.events.EventProducer;
import com.deskpost.ingest.cobot.CobotProperties;
import com.deskpost.ingest.nexudus.NexudusProperties;
import com.deskpost.ingest.brivo.BrivoProperties;
import com.deskpost.ingest.kisi.KisiProperties;
import com.deskpost.ingest.officernd.OfficeRndProperties;
import com.deskpost.ingest.stripe.StripeProperties;
import com.deskpost.ingest.vendor.VendorDirectoryReader;
import com.deskpost.ingest.vendor.VendorIndex;
import com.deskpost.ingest.vendor.VendorWebhooks;
import com.deskpost.ingest.web.JsonRequests;
import com.deskpost.platform.serde.AvroSerdes;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

/** The ingest pieces: who may call, how large a body may be, and the acknowledged producer. */
@Configuration
@EnableConfigurationProperties({IngestClients.class, OfficeRndProperties.class, StripeProperties.class,
        NexudusProperties.class, CobotProperties.class, KisiProperties.class, BrivoProperties.class})
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    Authenticator authenticator(IngestClients clients) {
        clients.clients().stream().filter(client -> client.topics().isEmpty()).forEach(client -> log.warn(
                "Ingest client {} has no topics (deskpost.ingest.clients[n].topics): every event it sends is refused",
                client.id()));
        return new Authenticator(clients, Clock.systemUTC());
    }

    @Bean
    JsonRequests jsonRequests(@Value("${deskpost.ingest.max-body-size:1MB}") DataSize maxBodySize) {
        return new JsonRequests(maxBodySize);
    }

    @Bean
    EventProducer eventProducer(@Qualifier("rawBytesKafkaTemplate") KafkaTemplate<String, byte[]> kafka,
            AvroSerdes serdes, @Value("${deskpost.ingest.ack-timeout:15s}") Duration ackTimeout) {
        return new EventProducer(kafka, serdes, ackTimeout);
    }

    @Bean
    VendorWebhooks vendorWebhooks(EventProducer producer) {
        return new VendorWebhooks(producer);
    }

    @Bean
    VendorIndex vendorIndex() {
        return new VendorIndex();
    }

    @Bean
    VendorDirectoryReader vendorDirectoryReader(KafkaProperties kafka, AvroSerdes serdes, VendorIndex index) {
        return new VendorDirectoryReader(kafka.buildConsumerProperties(), serdes, index);
    }
}
