package io.javeze.cli.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javeze.config.manifest.ManifestStore;
import java.io.PrintWriter;

/** The machine-readable results of {@code --output json}. */
final class Json {
    private Json() {}

    static void print(PrintWriter out, Object value) {
        try {
            out.println(ManifestStore.json().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
