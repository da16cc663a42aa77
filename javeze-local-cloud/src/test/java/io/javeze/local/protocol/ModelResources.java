package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Generates the local cloud's protocol models ({@code src/main/resources/io/javeze/local/protocol/models/NAME.json})
 * from AWS's API models in {@code shared/aws-models}: each is the service's {@code service-2.json} without its
 * documentation, so the parsers and serializers read the same operations, shapes and traits the SDKs are generated from.
 * Run {@code main} after updating the models; {@link ModelResourcesTest} fails when the committed files differ.
 */
public final class ModelResources {
    /** The local cloud's services by signing name, with the directory of their model. */
    static final Map<String, String> SERVICES = Map.of(
            "apigateway", "apigatewayv2", "dynamodb", "dynamodb", "iam", "iam", "lambda", "lambda", "logs", "logs",
            "s3", "s3", "scheduler", "scheduler", "sns", "sns", "sqs", "sqs", "sts", "sts");
    private static final Set<String> DROPPED = Set.of("documentation", "documentationUrl", "deprecatedMessage", "examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelResources() {}

    static Path sharedModels(Path moduleDir) {
        return moduleDir.toAbsolutePath().resolve("../../shared/aws-models").normalize();
    }

    static Path resources(Path moduleDir) {
        return moduleDir.resolve("src/main/resources/io/javeze/local/protocol/models");
    }

    static byte[] generate(Path sharedModels, String modelDir) throws IOException {
        JsonNode model = MAPPER.readTree(sharedModels.resolve(modelDir).resolve("service-2.json").toFile());
        return MAPPER.writeValueAsBytes(strip(model));
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!DROPPED.contains(e.getKey())) {
                    out.set(e.getKey(), strip(e.getValue()));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(strip(n)));
            return out;
        }
        return node;
    }

    /** Writes every model; the argument is the module's directory (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(resources(module));
        for (var e : SERVICES.entrySet()) {
            Files.write(resources(module).resolve(e.getKey() + ".json"), generate(sharedModels(module), e.getValue()));
        }
    }
}
