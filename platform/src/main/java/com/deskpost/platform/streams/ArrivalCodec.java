package com.deskpost.platform.streams;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;

/**
 * How a parked {@link Arrival} is stored. Hand-written over Data streams rather than Avro: it is a
 * private store format of one processor, never read by another service, so it needs no schema in the
 * registry; the leading version byte lets it change later. The store key is the record's partition
 * and offset, big-endian, so the store iterates in the order the records arrived.
 */
final class ArrivalCodec {

    private static final byte VERSION = 1;

    private ArrivalCodec() {
    }

    static Bytes key(Arrival arrival) {
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
                .putInt(arrival.partition()).putLong(arrival.offset()).array());
    }

    static byte[] encode(Arrival arrival) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeNullable(out, arrival.key() == null ? null : arrival.key().getBytes(UTF_8));
            writeNullable(out, arrival.value());
            out.writeUTF(arrival.topic());
            out.writeInt(arrival.partition());
            out.writeLong(arrival.offset());
            out.writeLong(arrival.timestamp());
            out.writeLong(arrival.firstSeen());
            Header[] headers = arrival.headers().toArray();
            out.writeInt(headers.length);
            for (Header header : headers) {
                out.writeUTF(header.key());
                writeNullable(out, header.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Arrival decode(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Parked record in store format " + version + ", this version reads "
                        + VERSION);
            }
            byte[] key = readNullable(in);
            byte[] value = readNullable(in);
            String topic = in.readUTF();
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            long firstSeen = in.readLong();
            RecordHeaders headers = new RecordHeaders();
            for (int i = in.readInt(); i > 0; i--) {
                headers.add(in.readUTF(), readNullable(in));
            }
            return new Arrival(key == null ? null : new String(key, UTF_8), value,
                    headers, topic, partition, offset, timestamp, firstSeen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readNullable(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
