package com.deskpost.delivery.outbound;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Released mail from mail.outbound to the {@link Deliverer}; failures are retried, then dead-lettered. */
@Component
class OutboundListener {

    private final Deliverer deliverer;
    private final AvroSerdes serdes;

    OutboundListener(Deliverer deliverer, AvroSerdes serdes) {
        this.deliverer = deliverer;
        this.serdes = serdes;
    }

    @KafkaListener(id = "delivery", groupId = "deskpost-delivery",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_OUTBOUND.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        deliverer.deliver(serdes.deserialize(Topics.MAIL_OUTBOUND, record.value()),
                record.topic() + "-" + record.partition() + "@" + record.offset());
    }
}
