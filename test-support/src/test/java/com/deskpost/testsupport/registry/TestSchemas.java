package com.deskpost.testsupport.registry;

/** Versions of one small record, each a realistic step in a schema's life. */
final class TestSchemas {

    static final String BOOKING_V1 = """
            {"type":"record","name":"Booking","namespace":"test","fields":[
              {"name":"id","type":"string"}]}""";

    /** V1 plus an optional field: compatible in both directions. */
    static final String BOOKING_WITH_NOTE = """
            {"type":"record","name":"Booking","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"note","type":["null","string"],"default":null}]}""";

    /** V1 plus a field with a default: compatible in both directions. */
    static final String BOOKING_WITH_DEFAULTED_ROOM = """
            {"type":"record","name":"Booking","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"room","type":"string","default":"unknown"}]}""";

    /** V1 plus a required field: cannot read data written with V1. */
    static final String BOOKING_WITH_REQUIRED_ROOM = """
            {"type":"record","name":"Booking","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"room","type":"string"}]}""";

    /** A different record altogether. */
    static final String MEMBER = """
            {"type":"record","name":"Member","namespace":"test","fields":[
              {"name":"email","type":"string"}]}""";

    private TestSchemas() {
    }
}
