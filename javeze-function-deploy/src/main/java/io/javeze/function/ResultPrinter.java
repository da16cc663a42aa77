package io.javeze.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** Renders a {@link DeployResult} for people (text) or for scripts (one JSON object). Warnings are printed apart. */
public final class ResultPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultPrinter() {}

    public static String render(DeployResult r, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            try {
                return JSON.writeValueAsString(r);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringBuilder out = new StringBuilder();
        String prefix = r.dryRun() ? "[dry run] " : "";
        out.append(prefix).append(r.layerVersionArn() != null ? "extension " : "function ").append(r.name()).append(": ")
                .append(r.dryRun() ? "would be " : "").append(r.action()).append('\n');
        for (String change : r.changes()) {
            out.append(prefix).append("  - ").append(change).append('\n');
        }
        line(out, "arn", r.layerVersionArn() != null ? r.layerVersionArn() : r.functionArn());
        line(out, "version", r.version());
        line(out, "alias", r.alias());
        line(out, "url", r.functionUrl());
        line(out, "architecture", r.architecture());
        line(out, "code sha256", r.codeSha256());
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null) {
            out.append(String.format("  %-13s %s%n", label + ":", value));
        }
    }
}
