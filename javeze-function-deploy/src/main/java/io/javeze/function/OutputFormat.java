package io.javeze.function;

public enum OutputFormat {
    TEXT,
    JSON
}
