package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.exec.FunctionLogSink;
import io.javeze.local.gateway.AccessLog;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs (awsJson1_1): log groups, streams and events. Function output arrives through
 * {@link FunctionLogSink} into {@code /aws/lambda/{function}}. Events are kept in memory and saved on close.
 */
public final class LogsService implements AwsService, FunctionLogSink, AutoCloseable {
    private static final Pattern GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    private static final Set<Integer> RETENTION = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);
    private static final int MAX_EVENTS_PER_STREAM = 10_000;
    private final StateStore store;
    private final ObjectNode state;
    private final String region;

    public static final String ACCESS_LOG_PREFIX = "/javeze/local/http-api/";

    public LogsService(StateStore store, String region) {
        this.store = store;
        this.region = region;
        this.state = store.load("logs");
        if (!state.has("groups")) {
            state.putObject("groups");
        }
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
    public synchronized AwsResponse handle(AwsCall call) {
        JsonNode in = call.json();
        ObjectNode out = switch (call.operation()) {
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
                ObjectNode stream = stream(groupName(in), in.path("logStreamName").asText());
                for (JsonNode e : in.path("logEvents")) {
                    add(stream, e.path("timestamp").asLong(), e.path("message").asText());
                }
                yield Json.object();
            }
            case "GetLogEvents" -> getEvents(in);
            case "FilterLogEvents" -> filterEvents(in);
            case "TagLogGroup", "TagResource" -> Json.object();
            default -> throw new AwsException(400, "UnknownOperationException", "The local cloud does not implement " + call.operation());
        };
        return AwsResponse.awsJson(out);
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
        s.putArray("events");
        return s;
    }

    private static void add(ObjectNode stream, long timestamp, String message) {
        ArrayNode events = (ArrayNode) stream.get("events");
        events.addObject().put("timestamp", timestamp).put("message", message).put("ingestionTime", System.currentTimeMillis());
        if (events.size() > MAX_EVENTS_PER_STREAM) {
            events.remove(0);
        }
        stream.put("lastEventTimestamp", timestamp);
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
                if (e.getValue().has("lastEventTimestamp")) {
                    s.put("lastEventTimestamp", e.getValue().get("lastEventTimestamp").asLong());
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
        ArrayNode events = Json.array();
        for (JsonNode e : s.get("events")) {
            long t = e.get("timestamp").asLong();
            if (t >= start && t < end && events.size() < limit) {
                events.add(e.deepCopy());
            }
        }
        ObjectNode out = Json.object();
        out.set("events", events);
        out.put("nextForwardToken", "f/" + s.get("events").size()).put("nextBackwardToken", "b/0");
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
        g.get("streams").fields().forEachRemaining(st -> {
            if ((names.isEmpty() || names.contains(st.getKey())) && st.getKey().startsWith(prefix)) {
                for (JsonNode e : st.getValue().get("events")) {
                    long t = e.get("timestamp").asLong();
                    if (t >= start && t <= end && (pattern.isEmpty() || e.get("message").asText().contains(pattern))) {
                        ObjectNode o = ((ObjectNode) e).deepCopy();
                        o.put("logStreamName", st.getKey()).put("eventId", st.getKey().hashCode() + "-" + t + "-" + found.size());
                        found.add(o);
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
    public void accessLog(AccessLog.Entry entry) {
        ObjectNode line = Json.object().put("requestId", entry.requestId()).put("method", entry.method())
                .put("path", entry.path()).put("status", entry.status()).put("durationMs", entry.durationMillis());
        if (entry.integrationUri() != null) {
            line.put("function", entry.integrationUri());
        }
        appendToGroup(ACCESS_LOG_PREFIX + entry.apiId(), entry.stage(), entry.timeEpochMillis(), line.toString());
    }

    private synchronized void appendToGroup(String group, String logStream, long timestampMillis, String message) {
        ObjectNode g = groups().has(group) ? (ObjectNode) groups().get(group) : createGroup(group);
        ObjectNode streams = (ObjectNode) g.get("streams");
        ObjectNode s = streams.has(logStream) ? (ObjectNode) streams.get(logStream) : newStream(streams, logStream);
        add(s, timestampMillis, message);
    }

    @Override
    public synchronized void close() {
        save();
    }
}
