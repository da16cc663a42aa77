package io.javeze.cli.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsErrors;
import io.javeze.cli.ProjectOption;
import io.javeze.cli.deploy.OutputOption;
import io.javeze.cli.deploy.StageOption;
import io.javeze.cli.deploy.TargetOptions;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invoke one deployed function of this service on a stage (its alias) and print the result and the tail of its log.",
            "--http builds the API Gateway HTTP API event (payload format 2.0) of a request to one of the function's routes."})
public final class InvokeCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    TargetOptions target;

    @Mixin
    StageOption stage;

    @Mixin
    OutputOption output;

    @Parameters(paramLabel = "FUNCTION", description = "The function's name in the manifest (e.g. hello) or its Lambda name (e.g. hello-world-hello).")
    String function;

    @ArgGroup(exclusive = true)
    Event event = new Event();

    static final class Event {
        @Option(names = "--payload", paramLabel = "JSON", description = "The event, as JSON (default: {}).")
        String payload;

        @Option(names = "--payload-file", paramLabel = "FILE", description = "Read the event (JSON) from this file.")
        Path payloadFile;

        @Option(names = "--http", paramLabel = "'METHOD /path?query'",
                description = "Send the event of this HTTP request to one of the function's routes, e.g. --http 'GET /hello/world'.")
        String http;
    }

    @Option(names = "--header", paramLabel = "NAME:VALUE", description = "With --http: a request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "TEXT", description = "With --http: the request body (JSON is sent as application/json).")
    String body;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (event.http == null && (!headers.isEmpty() || body != null)) {
            throw new JavezeException((body != null ? "--body" : "--header") + " only goes with --http");
        }
        Path dir = project.dir();
        JavezeConfig config = JavezeConfig.load(dir).withStage(stage.stage(), "--stage");
        String stageName = config.deployment().stage();
        Manifest manifest = ManifestStore.read(dir);
        FunctionSpec fn = find(manifest, function);
        byte[] payload = payload(manifest, fn, DeployedRecorder.read(manifest, stageName), stageName, config);

        InvokeResponse response;
        try (AwsClients aws = new AwsClients(target.target(config))) {
            response = aws.lambda().invoke(r -> r.functionName(fn.lambdaName()).qualifier(stageName).logType(LogType.TAIL)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (ResourceNotFoundException e) {
            throw new JavezeException("function " + fn.name() + " (" + fn.lambdaName() + ") is not deployed to stage " + stageName
                    + " there: " + AwsErrors.message(e) + "; run `javeze deploy" + (stage.stage() == null ? "" : " --stage " + stageName) + "` first");
        }
        String log = response.logResult() == null ? "" : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String result = response.payload() == null ? "" : response.payload().asUtf8String();
        print(fn, stageName, response, result, log);
        if (response.functionError() != null) {
            throw new JavezeException("function " + fn.name() + " failed (" + response.functionError() + ")" + errorMessage(result));
        }
        return 0;
    }

    private byte[] payload(Manifest manifest, FunctionSpec fn, Deployed deployed, String stageName, JavezeConfig config) {
        if (event.http != null) {
            if (fn.kind() != FunctionKind.ROUTE) {
                throw new JavezeException("--http: function " + fn.name() + " is not a route handler (it is "
                        + fn.kind().name().toLowerCase(java.util.Locale.ROOT) + "); send its event with --payload");
            }
            ObjectNode http = HttpRequestEvent.build(manifest, fn, event.http, headers, body, origin(deployed, stageName, config));
            return http.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (event.payloadFile != null) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(event.payloadFile);
            } catch (IOException e) {
                throw new JavezeException("--payload-file " + event.payloadFile + ": cannot read: " + e.getMessage());
            }
            JsonInput.parse(event.payloadFile.toString(), bytes);
            return bytes;
        }
        byte[] bytes = (event.payload == null ? "{}" : event.payload).getBytes(StandardCharsets.UTF_8);
        JsonInput.parse("--payload", bytes);
        return bytes;
    }

    private static HttpRequestEvent.Origin origin(Deployed deployed, String stageName, JavezeConfig config) {
        String apiId = deployed.apiId() != null ? deployed.apiId() : "local";
        String endpoint = deployed.apiEndpoint();
        String host = endpoint != null && URI.create(endpoint).getHost() != null ? URI.create(endpoint).getHost()
                : apiId + ".execute-api." + (config.deployment().region() == null ? "us-east-1" : config.deployment().region()) + ".amazonaws.com";
        return new HttpRequestEvent.Origin(stageName, deployed.account() != null ? deployed.account() : "000000000000", apiId, host);
    }

    static FunctionSpec find(Manifest manifest, String name) {
        return manifest.functions().stream().filter(f -> f.name().equals(name) || f.lambdaName().equals(name)).findFirst()
                .orElseThrow(() -> new JavezeException("no function " + name + " in " + manifest.service() + "; its functions are "
                        + String.join(", ", manifest.functions().stream().map(FunctionSpec::name).toList())));
    }

    private void print(FunctionSpec fn, String stageName, InvokeResponse response, String result, String log) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode doc = JsonInput.JSON.createObjectNode();
            doc.put("function", fn.name());
            doc.put("lambdaName", fn.lambdaName());
            doc.put("stage", stageName);
            doc.put("executedVersion", response.executedVersion());
            doc.put("functionError", response.functionError());
            doc.set("payload", parsedOrText(result));
            doc.put("log", log);
            out.println(doc.toPrettyString());
        } else {
            PrintWriter err = spec.commandLine().getErr();
            err.print(log.endsWith("\n") || log.isEmpty() ? log : log + "\n");
            err.flush();
            out.println(result);
        }
        out.flush();
    }

    private static JsonNode parsedOrText(String result) {
        try {
            return JsonInput.JSON.readTree(result);
        } catch (JsonProcessingException e) {
            return JsonInput.JSON.getNodeFactory().textNode(result);
        }
    }

    private static String errorMessage(String result) {
        JsonNode message = parsedOrText(result).path("errorMessage");
        return message.isTextual() ? ": " + message.asText() : "";
    }
}
