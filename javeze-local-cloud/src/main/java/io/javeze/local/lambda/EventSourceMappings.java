package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.InvocationResult;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import io.javeze.local.iam.RoleAuthorizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** SQS event source mappings: the control plane and one consumer per mapping that feeds batches to its function. */
public final class EventSourceMappings implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventSourceMappings.class.getName());

    /** What the consumers need from SQS. */
    public interface QueueAccess {
        boolean exists(String queueArn);

        /**
         * Receives up to max messages, hiding them for the queue's visibility timeout; each as an SQS event record.
         * Waits up to waitMillis for the first one and returns as soon as there is any (a long poll).
         */
        List<ObjectNode> receive(String queueArn, int max, long waitMillis);

        void delete(String queueArn, String receiptHandle);

        /** Makes a received message visible again at once (ChangeMessageVisibility to 0). */
        void release(String queueArn, String receiptHandle);
    }

    /** How long one receive of a consumer waits for a message, as Lambda's pollers long-poll SQS. */
    private static final long LONG_POLL_MILLIS = 20_000;

    private final LambdaState state;
    private final QueueAccess queues;
    private final LambdaInvoker invoker;
    private final StateDelays delays;
    private final RoleAuthorizer roles;
    /** Mappings whose role may not read their queue, with the reason last logged: polling waits until it may. */
    private final Map<String, String> blocked = new ConcurrentHashMap<>();
    /** One consumer thread per mapping, by UUID: a slow function holds only its own queue back. */
    private final Map<String, Thread> consumers = new ConcurrentHashMap<>();
    private volatile boolean running;

    EventSourceMappings(LambdaState state, QueueAccess queues, LambdaInvoker invoker, StateDelays delays, RoleAuthorizer roles) {
        this.state = state;
        this.roles = roles;
        this.queues = queues;
        this.invoker = invoker;
        this.delays = delays;
    }

    public void start() {
        running = true;
        List<String> uuids = new ArrayList<>();
        synchronized (state) {
            state.mappings().fieldNames().forEachRemaining(uuids::add);
        }
        uuids.forEach(this::startConsumer);
    }

    private void startConsumer(String uuid) {
        if (!running) {
            return;
        }
        consumers.computeIfAbsent(uuid, id -> {
            Thread t = new Thread(() -> consume(id), "lambda-sqs-consumer-" + id);
            t.setDaemon(true);
            t.start();
            return t;
        });
    }

    private void stopConsumer(String uuid) {
        Thread t = consumers.remove(uuid);
        if (t != null) {
            t.interrupt();
        }
    }

    AwsResponse handle(AwsCall call) {
        return switch (call.operation()) {
            case "CreateEventSourceMapping" -> AwsResponse.json(202, create(call));
            case "GetEventSourceMapping" -> AwsResponse.json(view(mapping(call.path("UUID"))));
            case "UpdateEventSourceMapping" -> AwsResponse.json(202, update(call));
            case "DeleteEventSourceMapping" -> {
                ObjectNode m = mapping(call.path("UUID"));
                state.mappings().remove(call.path("UUID"));
                state.save();
                stopConsumer(call.path("UUID"));
                ObjectNode v = view(m);
                v.put("State", "Deleting");
                yield AwsResponse.json(202, v);
            }
            case "ListEventSourceMappings" -> AwsResponse.json(list(call));
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + call.operation());
        };
    }

    private ObjectNode create(AwsCall call) {
        JsonNode in = call.json();
        String source = call.requiredJson("EventSourceArn");
        if (!source.startsWith("arn:aws:sqs:")) {
            throw AwsException.invalidParameter("The local cloud supports SQS event sources only, not " + source);
        }
        if (!queues.exists(source)) {
            throw AwsException.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
                    + "SQS Error Message: The specified queue does not exist for this wsdl version.");
        }
        ObjectNode fn = state.function(call.requiredJson("FunctionName"));
        String functionArn = fn.get("config").get("FunctionArn").asText();
        FunctionRef ref = FunctionRef.parse(call.jsonText("FunctionName"));
        if (ref.qualifier() != null) {
            functionArn = functionArn + ":" + ref.qualifier();
        }
        String missing = missingQueuePermission(functionArn, source);
        if (missing != null) {
            throw AwsException.invalidParameter("The provided execution role does not have permissions to call "
                    + missing + " on SQS");
        }
        for (JsonNode m : state.mappings()) {
            if (m.get("EventSourceArn").asText().equals(source) && m.get("FunctionArn").asText().equals(functionArn)) {
                throw new AwsException(409, "ResourceConflictException", "An event source mapping with SQS arn (\" " + source
                        + " \") and function (\" " + fn.get("config").get("FunctionName").asText() + " \") already exists. "
                        + "Please update or delete the existing mapping with UUID " + m.get("UUID").asText());
            }
        }
        String uuid = UUID.randomUUID().toString();
        ObjectNode m = state.mappings().putObject(uuid);
        m.put("UUID", uuid).put("EventSourceArn", source).put("FunctionArn", functionArn)
                .put("BatchSize", 10).put("MaximumBatchingWindowInSeconds", 0).put("enabled", true);
        apply(m, in);
        m.put("readyAt", System.currentTimeMillis() + delays.createMillis());
        m.put("LastModified", System.currentTimeMillis() / 1000.0);
        state.save();
        startConsumer(uuid);
        ObjectNode v = view(m);
        v.put("State", "Creating");
        return v;
    }

    private static void apply(ObjectNode m, JsonNode in) {
        if (in.has("BatchSize")) {
            int b = in.get("BatchSize").asInt();
            if (b < 1 || b > 10000) {
                throw AwsException.invalidParameter("BatchSize must be between 1 and 10000");
            }
            if (b > 10 && in.path("MaximumBatchingWindowInSeconds").asInt(m.path("MaximumBatchingWindowInSeconds").asInt()) < 1) {
                throw AwsException.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
            }
            m.put("BatchSize", b);
        }
        if (in.has("MaximumBatchingWindowInSeconds")) {
            m.put("MaximumBatchingWindowInSeconds", in.get("MaximumBatchingWindowInSeconds").asInt());
        }
        if (in.has("Enabled")) {
            m.put("enabled", in.get("Enabled").asBoolean());
        }
        if (in.has("FunctionResponseTypes")) {
            for (JsonNode t : in.get("FunctionResponseTypes")) {
                if (!t.asText().equals("ReportBatchItemFailures")) {
                    throw AwsException.validation("1 validation error detected: Value at 'functionResponseTypes' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [ReportBatchItemFailures]");
                }
            }
            m.set("FunctionResponseTypes", in.get("FunctionResponseTypes").deepCopy());
        }
        if (in.has("ScalingConfig")) {
            m.set("ScalingConfig", in.get("ScalingConfig").deepCopy());
        }
    }

    private ObjectNode mapping(String uuid) {
        JsonNode m = uuid == null ? null : state.mappings().get(uuid);
        if (m == null) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        return (ObjectNode) m;
    }

    private static ObjectNode view(ObjectNode m) {
        ObjectNode v = m.deepCopy();
        boolean ready = System.currentTimeMillis() >= m.path("readyAt").asLong();
        v.put("State", !ready ? (m.has("updated") ? "Updating" : "Creating") : m.get("enabled").asBoolean() ? "Enabled" : "Disabled");
        v.put("StateTransitionReason", "USER_INITIATED");
        if (!v.has("FunctionResponseTypes")) {
            v.putArray("FunctionResponseTypes");
        }
        v.remove(List.of("enabled", "readyAt", "updated"));
        return v;
    }

    private ObjectNode update(AwsCall call) {
        ObjectNode m = mapping(call.path("UUID"));
        JsonNode in = call.json();
        if (in.hasNonNull("FunctionName")) {
            ObjectNode fn = state.function(in.get("FunctionName").asText());
            m.put("FunctionArn", fn.get("config").get("FunctionArn").asText());
        }
        apply(m, in);
        m.put("LastModified", System.currentTimeMillis() / 1000.0);
        m.put("readyAt", System.currentTimeMillis() + delays.updateMillis());
        m.put("updated", true);
        state.save();
        return view(m);
    }

    private ObjectNode list(AwsCall call) {
        String source = call.query("EventSourceArn");
        String function = call.query("FunctionName");
        String functionName = function == null ? null : FunctionRef.parse(function).name();
        ArrayNode out = Json.array();
        for (JsonNode m : state.mappings()) {
            String arn = m.get("FunctionArn").asText();
            String name = FunctionRef.parse(arn).name();
            if ((source == null || source.equals(m.get("EventSourceArn").asText())) && (functionName == null || functionName.equals(name))) {
                out.add(view((ObjectNode) m));
            }
        }
        return (ObjectNode) Json.object().set("EventSourceMappings", out);
    }

    /** The mapping's settings now, or null once it is deleted. */
    private ObjectNode current(String uuid) {
        synchronized (state) {
            JsonNode m = state.mappings().get(uuid);
            return m == null ? null : ((ObjectNode) m).deepCopy();
        }
    }

    /**
     * A mapping's consumer: long-polls its queue, so a message is handed to the function as soon as it arrives; gathers
     * up to BatchSize messages for up to MaximumBatchingWindowInSeconds; one batch at a time, as one Lambda poller does.
     */
    private void consume(String uuid) {
        while (running && !Thread.currentThread().isInterrupted()) {
            ObjectNode m = current(uuid);
            if (m == null) {
                consumers.remove(uuid, Thread.currentThread());
                return;
            }
            try {
                long wait = m.path("readyAt").asLong() - System.currentTimeMillis();
                if (!m.get("enabled").asBoolean() || wait > 0 || !queues.exists(m.get("EventSourceArn").asText())) {
                    Thread.sleep(Math.max(50, Math.min(wait, 500)));
                    continue;
                }
                if (!mayRead(uuid, m)) {
                    Thread.sleep(1_000);
                    continue;
                }
                List<ObjectNode> records = batch(m);
                ObjectNode now = current(uuid);
                if (!records.isEmpty() && (now == null || !now.get("enabled").asBoolean())) {
                    release(m, records); // disabled while it waited: the messages go back to the queue at once
                } else if (!records.isEmpty()) {
                    deliver(m, records);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "event source mapping " + uuid + " failed", e);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * The first of the SQS actions Lambda's poller needs (the function's role must allow ReceiveMessage, DeleteMessage
     * and GetQueueAttributes on the queue, as AWSLambdaSQSQueueExecutionRole grants) that the role lacks, or null.
     */
    private String missingQueuePermission(String functionArn, String queueArn) {
        String role;
        String function;
        synchronized (state) {
            ObjectNode fn = state.function(FunctionRef.parse(functionArn).name());
            role = roleOf(fn, FunctionRef.parse(functionArn).qualifier());
            function = fn.get("config").get("FunctionName").asText();
        }
        String region = queueArn.split(":")[3];
        for (String action : List.of("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")) {
            if (roles.denial(role, function, region, "sqs:" + action, queueArn) != null) {
                return action;
            }
        }
        return null;
    }

    /** The role of the version a qualifier names (an alias's version), else $LATEST's. */
    private static String roleOf(ObjectNode fn, String qualifier) {
        JsonNode version = qualifier == null ? null : fn.path("aliases").path(qualifier).path("FunctionVersion");
        String v = version == null || version.isMissingNode() ? qualifier : version.asText();
        JsonNode cfg = v == null ? null : fn.path("versions").path(v).path("config");
        return (cfg == null || cfg.isMissingNode() ? fn.get("config") : cfg).path("Role").asText();
    }

    /** Whether the mapping's role still lets Lambda read its queue; a change is logged once, naming what is missing. */
    private boolean mayRead(String uuid, ObjectNode m) {
        String missing;
        try {
            missing = missingQueuePermission(m.get("FunctionArn").asText(), m.get("EventSourceArn").asText());
        } catch (AwsException functionGone) {
            return false;
        }
        if (missing == null) {
            if (blocked.remove(uuid) != null) {
                LOG.info("event source mapping " + uuid + " reads " + m.get("EventSourceArn").asText() + " again");
            }
            return true;
        }
        if (!missing.equals(blocked.put(uuid, missing))) {
            LOG.warning("event source mapping " + uuid + " does not read " + m.get("EventSourceArn").asText()
                    + ": the function's execution role does not have permissions to call " + missing + " on SQS");
        }
        return false;
    }

    private List<ObjectNode> batch(ObjectNode m) throws InterruptedException {
        String queueArn = m.get("EventSourceArn").asText();
        int size = m.get("BatchSize").asInt();
        List<ObjectNode> records = new ArrayList<>(queues.receive(queueArn, size, LONG_POLL_MILLIS));
        long window = m.path("MaximumBatchingWindowInSeconds").asLong() * 1000;
        long deadline = System.currentTimeMillis() + window;
        while (!records.isEmpty() && records.size() < size && System.currentTimeMillis() < deadline) {
            records.addAll(queues.receive(queueArn, size - records.size(), deadline - System.currentTimeMillis()));
        }
        if (Thread.interrupted()) {
            release(m, records); // deleted while it waited
            throw new InterruptedException();
        }
        return records;
    }

    private void release(ObjectNode m, List<ObjectNode> records) {
        String queueArn = m.get("EventSourceArn").asText();
        for (ObjectNode r : records) {
            try {
                queues.release(queueArn, r.get("receiptHandle").asText());
            } catch (AwsException goneMeanwhile) {
                // deleted, or the queue is gone: nothing to give back
            }
        }
    }

    /** One batch: invoke, then delete what succeeded; failures reappear after the visibility timeout. */
    private void deliver(ObjectNode m, List<ObjectNode> records) {
        String queueArn = m.get("EventSourceArn").asText();
        ObjectNode event = Json.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        InvocationResult result;
        try {
            result = invoker.invoke(m.get("FunctionArn").asText(), null, queueArn, Json.bytes(event));
        } catch (RuntimeException e) {
            LOG.info("event source mapping " + m.get("UUID").asText() + " could not invoke: " + e.getMessage());
            return;
        }
        if (result.failed()) {
            return;
        }
        Set<String> failed = new HashSet<>();
        boolean partial = false;
        for (JsonNode t : m.path("FunctionResponseTypes")) {
            partial |= t.asText().equals("ReportBatchItemFailures");
        }
        if (partial) {
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(r.get("messageId").asText()));
            failed = BatchItemFailures.parse(result.payload(), ids);
            if (failed == null) {
                return; // an invalid report fails the whole batch, as on AWS
            }
        }
        for (ObjectNode r : records) {
            if (!failed.contains(r.get("messageId").asText())) {
                queues.delete(queueArn, r.get("receiptHandle").asText());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumers.keySet().forEach(this::stopConsumer);
    }
}
