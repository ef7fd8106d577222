package com.deskpost.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PatienceTest {

    @Test
    void aGlobalTableRecordWaitsOutOurInfrastructureAndIsThenRead() {
        // Given a deserializer that fails twice because the broker is away, then reads the record
        AtomicInteger calls = new AtomicInteger();
        Serde<String> patient = Patience.forGlobalTable(serdeReading(data -> {
            if (calls.incrementAndGet() <= 2) {
                throw new TimeoutException("broker away");
            }
            return new String(data);
        }));

        // When a record is read, then it is read once the failures pass, none of them surfacing
        assertThat(patient.deserializer().deserialize("directory", "member".getBytes())).isEqualTo("member");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anUndecodableGlobalTableRecordFailsAtOnceAsItWas() {
        // Given a deserializer that cannot decode the record
        AtomicInteger calls = new AtomicInteger();
        SerializationException undecodable = new SerializationException("Unknown magic byte!");
        Serde<String> patient = Patience.forGlobalTable(serdeReading(data -> {
            calls.incrementAndGet();
            throw undecodable;
        }));

        // Then reading it fails with that same exception, after one try
        assertThatThrownBy(() -> patient.deserializer().deserialize("directory", new byte[] {1})).isSameAs(undecodable);
        assertThat(calls).hasValue(1);
    }

    private static Serde<String> serdeReading(java.util.function.Function<byte[], String> read) {
        Deserializer<String> deserializer = (topic, data) -> read.apply(data);
        return Serdes.serdeFrom(new StringSerializer(), deserializer);
    }
}
