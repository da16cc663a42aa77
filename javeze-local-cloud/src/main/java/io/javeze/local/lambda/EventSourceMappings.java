package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.InvocationResult;
import io.javeze.local.http.AwsException;
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

    private final LambdaStore store;
    private final QueueAccess queues;
    private final LambdaInvoker invoker;
    private final StateDelays delays;
    private final RoleAuthorizer roles;
    /** Mappings whose role may not read their queue, with the reason last logged: polling waits until it may. */
    private final Map<String, String> blocked = new ConcurrentHashMap<>();
    /** One consumer thread per mapping, by UUID: a slow function holds only its own queue back. */
    private final Map<String, Thread> consumers = new ConcurrentHashMap<>();
    private volatile boolean running;

    EventSourceMappings(LambdaStore store, QueueAccess queues, LambdaInvoker invoker, StateDelays delays, RoleAuthorizer roles) {
        this.store = store;
        this.roles = roles;
        this.queues = queues;
        this.invoker = invoker;
        this.delays = delays;
    }

    public void start() {
        running = true;
        store.mappings().forEach(m -> startConsumer(m.uuid()));
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

    /** The control plane's operations, on the model's input shapes. */
    ObjectNode call(String operation, ObjectNode in) {
        return switch (operation) {
            case "CreateEventSourceMapping" -> create(in);
            case "GetEventSourceMapping" -> view(mapping(Json.text(in, "UUID")));
            case "UpdateEventSourceMapping" -> update(in);
            case "DeleteEventSourceMapping" -> {
                String uuid = Json.text(in, "UUID");
                MappingDefinition m = store.removeMapping(uuid);
                if (m == null) {
                    throw notFound();
                }
                stopConsumer(uuid);
                yield view(m).put("State", "Deleting");
            }
            case "ListEventSourceMappings" -> list(in);
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private ObjectNode create(ObjectNode in) {
        String source = in.path("EventSourceArn").asText("");
        if (source.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'eventSourceArn' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (!source.startsWith("arn:aws:sqs:")) {
            throw AwsException.invalidParameter("The local cloud supports SQS event sources only, not " + source);
        }
        if (!queues.exists(source)) {
            throw AwsException.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
                    + "SQS Error Message: The specified queue does not exist for this wsdl version.");
        }
        FunctionRef ref = FunctionRef.parse(Json.text(in, "FunctionName"));
        FunctionRecord fn = store.function(ref.name());
        String functionArn = ref.qualifier() != null ? fn.arn() + ":" + ref.qualifier() : fn.arn();
        String missing = missingQueuePermission(functionArn, source);
        if (missing != null) {
            throw AwsException.invalidParameter("The provided execution role does not have permissions to call "
                    + missing + " on SQS");
        }
        long now = System.currentTimeMillis();
        MappingDefinition m = apply(new MappingDefinition(UUID.randomUUID().toString(), source, functionArn, 10, 0, true, null, null,
                now / 1000.0, now + delays.createMillis(), false), in);
        String target = functionArn;
        store.createMapping(m, other -> {
            if (other.eventSourceArn().equals(source) && other.functionArn().equals(target)) {
                throw new AwsException(409, "ResourceConflictException", "An event source mapping with SQS arn (\" " + source
                        + " \") and function (\" " + fn.name + " \") already exists. "
                        + "Please update or delete the existing mapping with UUID " + other.uuid());
            }
        });
        startConsumer(m.uuid());
        return view(m).put("State", "Creating");
    }

    /** The settings {@code in} changes, checked as Lambda checks them. */
    private static MappingDefinition apply(MappingDefinition m, JsonNode in) {
        int batchSize = m.batchSize();
        int window = in.has("MaximumBatchingWindowInSeconds") ? in.get("MaximumBatchingWindowInSeconds").asInt()
                : m.maximumBatchingWindowInSeconds();
        if (in.has("BatchSize")) {
            batchSize = in.get("BatchSize").asInt();
            if (batchSize < 1 || batchSize > 10000) {
                throw AwsException.invalidParameter("BatchSize must be between 1 and 10000");
            }
            if (batchSize > 10 && window < 1) {
                throw AwsException.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
            }
        }
        List<String> types = m.functionResponseTypes();
        if (in.has("FunctionResponseTypes")) {
            types = new ArrayList<>();
            for (JsonNode t : in.get("FunctionResponseTypes")) {
                if (!t.asText().equals("ReportBatchItemFailures")) {
                    throw AwsException.validation("1 validation error detected: Value at 'functionResponseTypes' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [ReportBatchItemFailures]");
                }
                types.add(t.asText());
            }
        }
        return new MappingDefinition(m.uuid(), m.eventSourceArn(), m.functionArn(), batchSize, window,
                in.has("Enabled") ? in.get("Enabled").asBoolean() : m.enabled(), types,
                in.has("ScalingConfig") ? in.get("ScalingConfig").deepCopy() : m.scalingConfig(), m.lastModified(), m.readyAt(),
                m.updated());
    }

    private static AwsException notFound() {
        return new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
    }

    private MappingDefinition mapping(String uuid) {
        MappingDefinition m = store.mapping(uuid);
        if (m == null) {
            throw notFound();
        }
        return m;
    }

    /** The model's {@code EventSourceMappingConfiguration}. */
    private static ObjectNode view(MappingDefinition m) {
        ObjectNode v = m.toJson();
        boolean ready = System.currentTimeMillis() >= m.readyAt();
        v.put("State", !ready ? (m.updated() ? "Updating" : "Creating") : m.enabled() ? "Enabled" : "Disabled");
        v.put("StateTransitionReason", "USER_INITIATED");
        if (!v.has("FunctionResponseTypes")) {
            v.putArray("FunctionResponseTypes");
        }
        v.remove(List.of("enabled", "readyAt", "updated"));
        return v;
    }

    private ObjectNode update(ObjectNode in) {
        String functionArn = in.hasNonNull("FunctionName") ? store.function(in.get("FunctionName").asText()).arn() : null;
        MappingDefinition updated = store.updateMapping(Json.text(in, "UUID"), m -> {
            MappingDefinition next = apply(m, in);
            long now = System.currentTimeMillis();
            return new MappingDefinition(next.uuid(), next.eventSourceArn(), functionArn != null ? functionArn : next.functionArn(),
                    next.batchSize(), next.maximumBatchingWindowInSeconds(), next.enabled(), next.functionResponseTypes(),
                    next.scalingConfig(), now / 1000.0, now + delays.updateMillis(), true);
        });
        if (updated == null) {
            throw notFound();
        }
        return view(updated);
    }

    private ObjectNode list(ObjectNode in) {
        String source = Json.text(in, "EventSourceArn");
        String function = Json.text(in, "FunctionName");
        String functionName = function == null ? null : FunctionRef.parse(function).name();
        ArrayNode out = Json.array();
        for (MappingDefinition m : store.mappings()) {
            String name = FunctionRef.parse(m.functionArn()).name();
            if ((source == null || source.equals(m.eventSourceArn())) && (functionName == null || functionName.equals(name))) {
                out.add(view(m));
            }
        }
        return (ObjectNode) Json.object().set("EventSourceMappings", out);
    }

    /** The mapping's settings now, or null once it is deleted. */
    private ObjectNode current(String uuid) {
        MappingDefinition m = store.mapping(uuid);
        return m == null ? null : m.toJson();
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
        FunctionRecord fn = store.function(FunctionRef.parse(functionArn).name());
        String role = roleOf(fn, FunctionRef.parse(functionArn).qualifier());
        String function = fn.name;
        String region = queueArn.split(":")[3];
        for (String action : List.of("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")) {
            if (roles.denial(role, function, region, "sqs:" + action, queueArn) != null) {
                return action;
            }
        }
        return null;
    }

    /** The role of the version a qualifier names (an alias's version), else $LATEST's. */
    private static String roleOf(FunctionRecord fn, String qualifier) {
        FunctionRecord.Version v = fn.version(fn.versionOf(qualifier));
        return (v == null ? fn.config : v.config()).path("Role").asText();
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
