package com.facegate.cloud.registry;

/** A named group of badges (e.g. {@code staff}, {@code lab}), stored at {@code registry/groups/{name}.json}. */
public record Group(String name, String description) {}
