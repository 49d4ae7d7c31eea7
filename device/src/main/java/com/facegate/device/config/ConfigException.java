package com.facegate.device.config;

import java.util.List;

/** A config that cannot start a door, with every problem found. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid door config:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
