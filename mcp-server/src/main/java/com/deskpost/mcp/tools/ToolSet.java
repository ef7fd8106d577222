package com.deskpost.mcp.tools;

import java.util.List;

/** Every tool the server offers, the same over each transport. */
public record ToolSet(List<DeskpostTool> tools) {

    public ToolSet {
        tools = List.copyOf(tools);
    }
}
