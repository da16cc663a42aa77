package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.exec.FunctionLogSink;
import io.javeze.local.gateway.AccessLog;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs (awsJson1_1): log groups, streams and events. Function output arrives through
 * {@link FunctionLogSink} into {@code /aws/lambda/{function}}. Groups and streams are one state document; each event
 * is its own journal record ({@code group\nstream\nsequence}), so it survives a crash once written, and its
 * {@code eventId} (the stream's id and the sequence) is the same in every answer.
 */
public final class LogsService implements Provider, FunctionLogSink, AutoCloseable {
    private static final Pattern GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    private static final Set<Integer> RETENTION = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);
    private static final int MAX_EVENTS_PER_STREAM = 10_000;
    private final StateStore store;
    private final ObjectNode state;
    private final String region;
    private final Table eventTable;
    /** Events by group, then stream, oldest first. */
    private final Map<String, Map<String, StreamEvents>> events = new HashMap<>();

    private record Event(long sequence, long timestamp, String message, long ingestionTime) {}

    /** One stream's events and the sequence number of the next one. */
    private static final class StreamEvents {
        final Deque<Event> list = new ArrayDeque<>();
        long next = 1;
    }

    public static final String ACCESS_LOG_PREFIX = "/javeze/local/http-api/";

    public LogsService(StateStore store, String region) {
        this.store = store;
        this.region = region;
        this.state = store.load("logs");
        if (!state.has("groups")) {
            state.putObject("groups");
        }
        this.eventTable = store.table("logs-events");
        eventTable.records().forEach((key, e) -> {
            String[] parts = key.split("\n", 3);
            StreamEvents s = events(parts[0], parts[1]);
            long sequence = Long.parseLong(parts[2]);
            s.list.add(new Event(sequence, e.path("timestamp").asLong(), e.path("message").asText(), e.path("ingestionTime").asLong()));
            s.next = Math.max(s.next, sequence + 1);
        });
        migrateInlineEvents();
    }

    /** A data directory from before the journal kept events inside the state document. */
    private void migrateInlineEvents() {
        boolean[] found = {false};
        groups().fields().forEachRemaining(g -> g.getValue().path("streams").fields().forEachRemaining(st -> {
            if (st.getValue() instanceof ObjectNode stream && stream.has("events")) {
                found[0] = true;
                for (JsonNode e : stream.remove("events")) {
                    add(g.getKey(), st.getKey(), e.path("timestamp").asLong(), e.path("message").asText());
                }
            }
        }));
        if (found[0]) {
            save();
        }
    }

    private StreamEvents events(String group, String stream) {
        return events.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(stream, s -> new StreamEvents());
    }

    private void forgetEvents(String group) {
        Map<String, StreamEvents> streams = events.remove(group);
        if (streams != null) {
            streams.forEach((stream, s) -> s.list.forEach(e -> eventTable.remove(key(group, stream, e.sequence))));
        }
    }

    private static String key(String group, String stream, long sequence) {
        return group + "\n" + stream + "\n" + String.format("%012d", sequence);
    }

    /** Stable for an event: the stream's id and the event's sequence in it, both digits as AWS's ids are. */
    private static String eventId(String group, String stream, long sequence) {
        return Integer.toUnsignedString((group + "\n" + stream).hashCode()) + String.format("%012d", sequence);
    }

    @Override
    public String signingName() {
        return "logs";
    }

    private ObjectNode groups() {
        return (ObjectNode) state.get("groups");
    }

    private ObjectNode save() {
        store.save("logs", state);
        return Json.object();
    }

    @Override
    public synchronized ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        return switch (operation.name()) {
            case "CreateLogGroup" -> {
                String name = groupName(in);
                if (groups().has(name)) {
                    throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
                }
                ObjectNode g = createGroup(name);
                if (in.path("tags").isObject()) {
                    g.set("tags", in.get("tags").deepCopy());
                }
                yield save();
            }
            case "DeleteLogGroup" -> {
                group(groupName(in));
                groups().remove(groupName(in));
                forgetEvents(groupName(in));
                yield save();
            }
            case "DescribeLogGroups" -> describeGroups(in);
            case "PutRetentionPolicy" -> {
                int days = in.path("retentionInDays").asInt(-1);
                if (!RETENTION.contains(days)) {
                    throw new AwsException(400, "InvalidParameterException", "1 validation error detected: Value '" + days
                            + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " + RETENTION);
                }
                group(groupName(in)).put("retentionInDays", days);
                yield save();
            }
            case "DeleteRetentionPolicy" -> {
                group(groupName(in)).remove("retentionInDays");
                yield save();
            }
            case "CreateLogStream" -> {
                ObjectNode streams = (ObjectNode) group(groupName(in)).get("streams");
                String name = in.path("logStreamName").asText("");
                if (name.isEmpty() || name.contains(":") || name.contains("*")) {
                    throw new AwsException(400, "InvalidParameterException", "Invalid log stream name");
                }
                if (streams.has(name)) {
                    throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
                }
                newStream(streams, name);
                yield save();
            }
            case "DescribeLogStreams" -> describeStreams(in);
            case "PutLogEvents" -> {
                String group = groupName(in);
                String stream = in.path("logStreamName").asText();
                stream(group, stream);
                for (JsonNode e : in.path("logEvents")) {
                    add(group, stream, e.path("timestamp").asLong(), e.path("message").asText());
                }
                yield Json.object();
            }
            case "GetLogEvents" -> getEvents(in);
            case "FilterLogEvents" -> filterEvents(in);
            case "TagLogGroup", "TagResource" -> Json.object();
            default -> throw new AwsException(400, "UnknownOperationException", "The local cloud does not implement " + operation.name());
        };
    }

    private static String groupName(JsonNode in) {
        String name = in.path("logGroupName").asText("");
        if (!GROUP.matcher(name).matches()) {
            throw new AwsException(400, "InvalidParameterException", "1 validation error detected: Value '" + name
                    + "' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    private ObjectNode group(String name) {
        JsonNode g = groups().get(name);
        if (g == null) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return (ObjectNode) g;
    }

    private ObjectNode stream(String group, String name) {
        JsonNode s = group(group).get("streams").get(name);
        if (s == null) {
            throw new AwsException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        }
        return (ObjectNode) s;
    }

    private ObjectNode createGroup(String name) {
        ObjectNode g = groups().putObject(name);
        g.put("creationTime", System.currentTimeMillis());
        g.putObject("streams");
        return g;
    }

    private static ObjectNode newStream(ObjectNode streams, String name) {
        ObjectNode s = streams.putObject(name);
        s.put("creationTime", System.currentTimeMillis());
        return s;
    }

    private void add(String group, String stream, long timestamp, String message) {
        StreamEvents s = events(group, stream);
        Event e = new Event(s.next++, timestamp, message, System.currentTimeMillis());
        s.list.add(e);
        eventTable.put(key(group, stream, e.sequence), Json.object().put("timestamp", timestamp).put("message", message)
                .put("ingestionTime", e.ingestionTime));
        if (s.list.size() > MAX_EVENTS_PER_STREAM) {
            eventTable.remove(key(group, stream, s.list.removeFirst().sequence));
        }
    }

    private List<Event> eventsOf(String group, String stream) {
        Map<String, StreamEvents> streams = events.get(group);
        StreamEvents s = streams == null ? null : streams.get(stream);
        return s == null ? List.of() : new ArrayList<>(s.list);
    }

    private String groupArn(String name) {
        return "arn:aws:logs:" + region + ":" + LocalAccount.ID + ":log-group:" + name;
    }

    private ObjectNode describeGroups(JsonNode in) {
        String prefix = in.path("logGroupNamePrefix").asText("");
        ArrayNode list = Json.array();
        groups().fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(prefix)) {
                ObjectNode g = list.addObject().put("logGroupName", e.getKey())
                        .put("creationTime", e.getValue().get("creationTime").asLong())
                        .put("metricFilterCount", 0).put("arn", groupArn(e.getKey()) + ":*").put("storedBytes", 0)
                        .put("logGroupClass", "STANDARD").put("logGroupArn", groupArn(e.getKey()));
                if (e.getValue().has("retentionInDays")) {
                    g.put("retentionInDays", e.getValue().get("retentionInDays").asInt());
                }
            }
        });
        return (ObjectNode) Json.object().set("logGroups", list);
    }

    private ObjectNode describeStreams(JsonNode in) {
        ObjectNode g = group(groupName(in));
        String prefix = in.path("logStreamNamePrefix").asText("");
        ArrayNode list = Json.array();
        g.get("streams").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(prefix)) {
                ObjectNode s = list.addObject().put("logStreamName", e.getKey())
                        .put("creationTime", e.getValue().get("creationTime").asLong())
                        .put("arn", groupArn(groupName(in)) + ":log-stream:" + e.getKey()).put("storedBytes", 0);
                List<Event> all = eventsOf(groupName(in), e.getKey());
                if (!all.isEmpty()) {
                    s.put("firstEventTimestamp", all.stream().mapToLong(Event::timestamp).min().getAsLong())
                            .put("lastEventTimestamp", all.stream().mapToLong(Event::timestamp).max().getAsLong())
                            .put("lastIngestionTime", all.get(all.size() - 1).ingestionTime());
                }
            }
        });
        return (ObjectNode) Json.object().set("logStreams", list);
    }

    private ObjectNode getEvents(JsonNode in) {
        ObjectNode s = stream(groupName(in), in.path("logStreamName").asText());
        long start = in.path("startTime").asLong(Long.MIN_VALUE);
        long end = in.path("endTime").asLong(Long.MAX_VALUE);
        int limit = in.path("limit").asInt(10_000);
        List<Event> all = eventsOf(groupName(in), in.path("logStreamName").asText());
        ArrayNode events = Json.array();
        for (Event e : all) {
            if (e.timestamp() >= start && e.timestamp() < end && events.size() < limit) {
                events.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime", e.ingestionTime());
            }
        }
        ObjectNode out = Json.object();
        out.set("events", events);
        out.put("nextForwardToken", "f/" + all.size()).put("nextBackwardToken", "b/0");
        return out;
    }

    private ObjectNode filterEvents(JsonNode in) {
        ObjectNode g = group(groupName(in));
        long start = in.path("startTime").asLong(Long.MIN_VALUE);
        long end = in.path("endTime").asLong(Long.MAX_VALUE);
        String pattern = in.path("filterPattern").asText("").replace("\"", "").trim();
        Set<String> names = new java.util.HashSet<>();
        in.path("logStreamNames").forEach(n -> names.add(n.asText()));
        String prefix = in.path("logStreamNamePrefix").asText("");
        List<ObjectNode> found = new ArrayList<>();
        String group = groupName(in);
        g.get("streams").fields().forEachRemaining(st -> {
            if ((names.isEmpty() || names.contains(st.getKey())) && st.getKey().startsWith(prefix)) {
                for (Event e : eventsOf(group, st.getKey())) {
                    long t = e.timestamp();
                    if (t >= start && t <= end && (pattern.isEmpty() || e.message().contains(pattern))) {
                        found.add(Json.object().put("logStreamName", st.getKey()).put("timestamp", t)
                                .put("message", e.message()).put("ingestionTime", e.ingestionTime())
                                .put("eventId", eventId(group, st.getKey(), e.sequence())));
                    }
                }
            }
        });
        found.sort((a, b) -> Long.compare(a.get("timestamp").asLong(), b.get("timestamp").asLong()));
        int limit = in.path("limit").asInt(10_000);
        ArrayNode events = Json.array();
        found.stream().limit(limit).forEach(events::add);
        ObjectNode out = Json.object();
        out.set("events", events);
        out.putArray("searchedLogStreams");
        return out;
    }

    @Override
    public void append(String functionName, String logStream, long timestampMillis, String message) {
        appendToGroup("/aws/lambda/" + functionName, logStream, timestampMillis, message);
    }

    /**
     * Every HTTP API request the local cloud answered, one JSON line per request in the log group
     * {@value #ACCESS_LOG_PREFIX}{@code {apiId}} (stream: the stage). A local-cloud extension, read like any log group
     * (FilterLogEvents): {@code javeze dev} streams it as request lines.
     */
    /**
     * Written only while the API's access-log group exists: a reader opts in by creating it (CreateLogGroup, as
     * {@code javeze dev} does), as stage access logging is opted into on AWS; otherwise a request costs no log write.
     */
    public void accessLog(AccessLog.Entry entry) {
        String group = ACCESS_LOG_PREFIX + entry.apiId();
        if (!hasGroup(group)) {
            return;
        }
        ObjectNode line = Json.object().put("requestId", entry.requestId()).put("method", entry.method())
                .put("path", entry.path()).put("status", entry.status()).put("durationMs", entry.durationMillis());
        if (entry.integrationUri() != null) {
            line.put("function", entry.integrationUri());
        }
        appendToGroup(group, entry.stage(), entry.timeEpochMillis(), line.toString());
    }

    private synchronized boolean hasGroup(String group) {
        return groups().has(group);
    }

    private synchronized void appendToGroup(String group, String logStream, long timestampMillis, String message) {
        ObjectNode g = groups().has(group) ? (ObjectNode) groups().get(group) : createGroup(group);
        ObjectNode streams = (ObjectNode) g.get("streams");
        if (!streams.has(logStream)) {
            newStream(streams, logStream);
            save();
        }
        add(group, logStream, timestampMillis, message);
    }

    /** Everything is journaled as it happens. */
    @Override
    public void close() {
    }
}
