package com.deskpost.mcp.tools;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Tool results as agents read them: JSON text (and the same as structured content); errors with isError set. */
final class ToolResults {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ToolResults() {
    }

    static CallToolResult success(Map<String, Object> result) {
        return CallToolResult.builder().content(List.of(new TextContent(JSON.writeValueAsString(result))))
                .structuredContent(result).isError(false).build();
    }

    static CallToolResult error(String code, String message, String hint, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        if (hint != null) {
            error.put("what_to_do", hint);
        }
        return CallToolResult.builder().content(List.of(new TextContent(JSON.writeValueAsString(error))))
                .structuredContent(error).isError(true).build();
    }
}
