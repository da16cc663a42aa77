package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.javeze.runtime.event.EventJson;
import io.javeze.runtime.event.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The function behind {@code GET /openapi.json} ({@code [http] openapi = true}): answers the OpenAPI document the
 * annotation processor wrote next to the classes ({@link #RESOURCE}), read once per instance. The processor generates
 * a subclass in the app, so the package holds its handler class as every function's does.
 */
public class OpenApiHandler implements RequestStreamHandler {
    public static final String RESOURCE = "javeze/openapi.json";

    private static volatile String document;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        EventJson.writeHttp(new HttpResponse(200, Map.of("Content-Type", "application/json"), null, document(), false), output);
    }

    private String document() {
        String text = document;
        if (text != null) return text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is not in the package; compile the project again");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        document = text;
        return text;
    }
}
