package com.deskpost.schemas.serde;

/**
 * Confluent's framing: byte 0 is the magic byte 0x00, bytes 1-4 the schema id (big-endian),
 * then the Avro binary encoding of the record.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0x0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** What a record with this first byte probably is, to tell the reader where to look. */
    static String guessFormat(byte[] data) {
        byte first = data[0];
        if (first == '{' || first == '[' || first == '"') {
            return " (JSON?)";
        }
        if (data.length > 1 && (first & 0xff) == 0xC3 && data[1] == 0x01) {
            return " (Avro single-object encoding, as written by BinaryMessageEncoder or toByteBuffer()?)";
        }
        if (first == 'O' && data.length > 3 && data[1] == 'b' && data[2] == 'j' && data[3] == 1) {
            return " (an Avro container file?)";
        }
        return " (plain Avro binary without the 5-byte header, or another format?)";
    }
}
