package com.deskpost.mcp.tools;

import com.deskpost.mcp.agent.Scope;
import io.modelcontextprotocol.spec.McpSchema;

/** One MCP tool: its definition (name, description, input schema), the scope it needs, and what it does. */
public interface DeskpostTool {

    McpSchema.Tool definition();

    Scope scope();

    /** @throws ToolError when the call cannot be carried out, with what to do instead */
    Outcome call(Call call, Arguments arguments);

    default String name() {
        return definition().name();
    }
}
