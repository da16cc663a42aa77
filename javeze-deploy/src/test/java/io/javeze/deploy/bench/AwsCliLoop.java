package io.javeze.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.packages.Packages;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same app deployed the way a shell script would, one AWS CLI command after another
 * (create-function then wait function-active-v2 for each function, then the API piece by piece, then pub/sub).
 */
final class AwsCliLoop {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final Path work;
    int commands;

    AwsCliLoop(URI endpoint, Path work) {
        this.endpoint = endpoint;
        this.work = work;
    }

    void deploy(Path project, Manifest manifest, String prefix) throws Exception {
        String account = "000000000000";
        String region = "us-east-1";
        String role = prefix + "-role";
        aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document", Policies.lambdaTrust());
        aws("iam", "attach-role-policy", "--role-name", role, "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        // what javeze's inline policy grants: Lambda reads the subscribers' queues and the routes publish, with the role
        aws("iam", "attach-role-policy", "--role-name", role, "--policy-arn",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");
        aws("iam", "attach-role-policy", "--role-name", role, "--policy-arn", "arn:aws:iam::aws:policy/AmazonSNSFullAccess");
        String roleArn = "arn:aws:iam::" + account + ":role/" + role;
        Packages index = Packages.read(project);
        Map<String, String> arns = new HashMap<>();
        for (FunctionSpec f : manifest.functions()) {
            String name = Naming.lambdaFunctionName(prefix, f.name());
            Path zip = index.require(f.name()).file();
            JsonNode created = aws("lambda", "create-function", "--function-name", name, "--runtime", "java21",
                    "--role", roleArn, "--handler", f.handler(), "--memory-size", "256", "--timeout", "10",
                    "--zip-file", "fileb://" + zip, "--environment", "Variables={GATE_TOKEN=bench}");
            arns.put(f.name(), created.path("FunctionArn").asText());
            aws("lambda", "wait", "function-active-v2", "--function-name", name);
        }
        JsonNode api = aws("apigatewayv2", "create-api", "--name", prefix, "--protocol-type", "HTTP");
        String apiId = api.path("ApiId").asText();
        Map<String, String> authorizers = new HashMap<>();
        for (AuthorizerSpec a : manifest.authorizers()) {
            String uri = "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arns.get(a.function()) + "/invocations";
            String id = aws("apigatewayv2", "create-authorizer", "--api-id", apiId, "--name", a.name(), "--authorizer-type", "REQUEST",
                    "--authorizer-uri", uri, "--identity-source", "$request.header.Authorization",
                    "--authorizer-payload-format-version", "2.0", "--enable-simple-responses").path("AuthorizerId").asText();
            authorizers.put(a.name(), id);
            aws("lambda", "add-permission", "--function-name", arns.get(a.function()), "--statement-id", "auth",
                    "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
                    "--source-arn", "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/authorizers/" + id);
        }
        int n = 0;
        for (RouteSpec r : manifest.routes()) {
            String integration = aws("apigatewayv2", "create-integration", "--api-id", apiId, "--integration-type", "AWS_PROXY",
                    "--integration-uri", arns.get(r.function()), "--payload-format-version", "2.0").path("IntegrationId").asText();
            List<String> route = new ArrayList<>(List.of("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", r.routeKey(),
                    "--target", "integrations/" + integration));
            if (r.authorizer() != null) {
                route.addAll(List.of("--authorization-type", "CUSTOM", "--authorizer-id", authorizers.get(r.authorizer())));
            }
            aws(route.toArray(String[]::new));
            aws("lambda", "add-permission", "--function-name", arns.get(r.function()), "--statement-id", "route" + n++,
                    "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
                    "--source-arn", "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/*/" + r.method() + r.path());
        }
        aws("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "prod", "--auto-deploy");
        for (TopicSpec t : manifest.topics()) {
            String topicArn = aws("sns", "create-topic", "--name", prefix + "-" + t.name()).path("TopicArn").asText();
            for (TopicSpec.SubscriberSpec s : t.subscribers()) {
                String queue = prefix + "-" + s.function();
                String dlqArn = "arn:aws:sqs:" + region + ":" + account + ":" + queue + "-dlq";
                String queueArn = "arn:aws:sqs:" + region + ":" + account + ":" + queue;
                aws("sqs", "create-queue", "--queue-name", queue + "-dlq");
                Path attributes = work.resolve(queue + ".json");
                Map<String, String> attrs = Map.of("VisibilityTimeout", "60", "Policy", Policies.queueAcceptsTopic(queueArn, topicArn),
                        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + s.maxReceiveCount() + "}");
                Files.writeString(attributes, JSON.writeValueAsString(attrs));
                aws("sqs", "create-queue", "--queue-name", queue, "--attributes", "file://" + attributes);
                aws("sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs", "--notification-endpoint", queueArn);
                aws("lambda", "create-event-source-mapping", "--function-name", arns.get(s.function()), "--event-source-arn", queueArn,
                        "--batch-size", String.valueOf(s.batchSize()), "--function-response-types", "ReportBatchItemFailures");
            }
        }
    }

    private JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--region", "us-east-1",
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_PAGER", "");
        Path err = work.resolve("aws-stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " timed out");
        }
        commands++;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("aws " + String.join(" ", args) + " failed: " + Files.readString(err));
        }
        return out.length == 0 ? JSON.createObjectNode() : JSON.readTree(out);
    }
}
