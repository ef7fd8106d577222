package com.deskpost.mcp;

import com.deskpost.mcp.agent.AgentCredentials;
import com.deskpost.mcp.audit.CallAudit;
import com.deskpost.mcp.clients.AuditClient;
import com.deskpost.mcp.clients.DeliveryClient;
import com.deskpost.mcp.clients.OversightClient;
import com.deskpost.mcp.draft.AgentDrafts;
import com.deskpost.mcp.draft.DraftPublisher;
import com.deskpost.mcp.inbound.InboundMail;
import com.deskpost.mcp.inbound.ReceivedMail;
import com.deskpost.mcp.tools.ContactTools;
import com.deskpost.mcp.tools.DeskpostTool;
import com.deskpost.mcp.tools.MailTools;
import com.deskpost.mcp.tools.OversightTools;
import com.deskpost.mcp.tools.SendEmail;
import com.deskpost.mcp.tools.ToolDispatcher;
import com.deskpost.mcp.tools.ToolSet;
import com.deskpost.platform.config.PlatformProperties;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.publish.TopicPublisher;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.GlobalStores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The MCP server's wiring: credentials, directory and inbound tables, service clients, tools. */
@Configuration
@EnableConfigurationProperties(McpProperties.class)
class McpServerConfiguration {

    /** Checked at start-up: a credential holding both send and oversight stops the server. */
    @Bean
    AgentCredentials agentCredentials(McpProperties properties) {
        return AgentCredentials.of(properties.agents());
    }

    @Bean
    GlobalStores directory(StreamsBuilderFactoryBean streams) {
        return new GlobalStores(streams);
    }

    @Bean
    InboundMail inboundMail(GlobalStores stores) {
        return new InboundMail(stores);
    }

    /** The received-mail table's own topic, created by platform's topic rule. */
    @Bean
    KafkaAdmin.NewTopics receivedMailTopic(PlatformProperties platform) {
        return new KafkaAdmin.NewTopics(platform.topicRule().newTopics(ReceivedMail.TOPIC).toArray(NewTopic[]::new));
    }

    /** Drafts and their audit events commit together; a new transactional id per process start. */
    @Bean
    DraftPublisher draftPublisher(KafkaProperties kafka, AvroSerdes serdes, MailMetrics metrics) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        producer.put("acks", "all");
        producer.put("enable.idempotence", true);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(producer,
                new StringSerializer(), new ByteArraySerializer());
        factory.setTransactionIdPrefix("deskpost-mcp-" + UUID.randomUUID() + "-");
        return new DraftPublisher(factory, serdes, metrics);
    }

    @Bean
    ToolDispatcher toolDispatcher(TopicPublisher publisher) {
        return new ToolDispatcher(new CallAudit(publisher), Clock.systemUTC());
    }

    @Bean
    OversightClient oversightClient(McpProperties properties, JsonMapper json) {
        McpProperties.Oversight oversight = properties.oversight();
        return new OversightClient(oversight.url(), oversight.gateway(), oversight.password(), json);
    }

    @Bean
    DeliveryClient deliveryClient(McpProperties properties, JsonMapper json) {
        return new DeliveryClient(properties.delivery().url(), properties.delivery().apiKey(), json);
    }

    @Bean
    AuditClient auditClient(McpProperties properties, JsonMapper json) {
        return new AuditClient(properties.audit().url(), properties.audit().apiKey(), json);
    }

    @Bean
    ToolSet deskpostTools(McpProperties properties, GlobalStores directory, DraftPublisher drafts,
            OversightClient oversight, DeliveryClient delivery, AuditClient audit, InboundMail inbound,
            CredentialSealer sealer) {
        List<DeskpostTool> tools = new ArrayList<>();
        tools.add(new SendEmail(new AgentDrafts(properties.minimumMode(), sealer), directory, drafts, oversight));
        tools.addAll(MailTools.all(delivery, audit, oversight, inbound));
        tools.addAll(OversightTools.all(oversight));
        tools.addAll(ContactTools.all(delivery));
        return new ToolSet(tools);
    }
}
