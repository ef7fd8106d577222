package com.deskpost.oversight.templates;

import java.util.List;

/** An override that may not be activated (or a slot or version that does not exist), with every reason. */
public class TemplateRefused extends RuntimeException {

    private final List<TemplateValidation.Problem> problems;

    public TemplateRefused(String message, List<TemplateValidation.Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public TemplateRefused(String message) {
        this(message, List.of());
    }

    public List<TemplateValidation.Problem> problems() {
        return problems;
    }
}
