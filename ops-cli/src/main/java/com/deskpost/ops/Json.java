package com.deskpost.ops;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the CLI: output lines and answers of the delivery API. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }
}
