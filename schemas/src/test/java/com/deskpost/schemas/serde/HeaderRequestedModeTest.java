package com.deskpost.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.OversightMode;
import java.io.ByteArrayOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Contract v7: the mode a facility event asks for travels in its header, whichever copy of the writer schema reads it. */
class HeaderRequestedModeTest {

    @Test
    void theRequestedModeOfAFacilityEventSurvivesTheRegistrysCopyOfTheSchema() throws Exception {
        BookingEvent event = TestEvents.bookingCreated("B-1");
        event.getHeader().setRequestedMode(OversightMode.GATED_SEND);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<BookingEvent>(BookingEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        Schema writer = new Schema.Parser().parse(BookingEvent.getClassSchema().toString());
        for (Schema w : new Schema[] {BookingEvent.getClassSchema(), writer}) {
            BookingEvent read = new SpecificDatumReader<BookingEvent>(w, GeneratedClassData.schemaOf(BookingEvent.class),
                    new GeneratedClassData(BookingEvent.class)).read(null,
                    DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
            assertThat(read.getHeader().getRequestedMode()).isEqualTo(OversightMode.GATED_SEND);
        }
    }
}
