package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs (awsJson1_1): the operations, on inputs its protocol parsed; state is {@link LogsStore}'s. Function
 * output and access logs arrive through {@link LogWriter}.
 */
public final class LogsProvider implements Provider {
    private static final Pattern GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    private static final Set<Integer> RETENTION = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);
    private final LogsStore store;
    private final String region;

    public LogsProvider(LogsStore store, String region) {
        this.store = store;
        this.region = region;
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        return switch (operation.name()) {
            case "CreateLogGroup" -> {
                store.createGroup(groupName(in), Json.stringMap(in.path("tags")));
                yield Json.object();
            }
            case "DeleteLogGroup" -> {
                store.deleteGroup(groupName(in));
                yield Json.object();
            }
            case "DescribeLogGroups" -> describeGroups(in);
            case "PutRetentionPolicy" -> {
                int days = in.path("retentionInDays").asInt(-1);
                if (!RETENTION.contains(days)) {
                    throw new AwsException(400, "InvalidParameterException", "1 validation error detected: Value '" + days
                            + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: " + RETENTION);
                }
                store.updateGroup(groupName(in), g -> g.withRetention(days));
                yield Json.object();
            }
            case "DeleteRetentionPolicy" -> {
                store.updateGroup(groupName(in), g -> g.withRetention(null));
                yield Json.object();
            }
            case "CreateLogStream" -> {
                String name = in.path("logStreamName").asText("");
                if (name.isEmpty() || name.contains(":") || name.contains("*")) {
                    throw new AwsException(400, "InvalidParameterException", "Invalid log stream name");
                }
                store.createStream(groupName(in), name);
                yield Json.object();
            }
            case "DescribeLogStreams" -> describeStreams(in);
            case "PutLogEvents" -> putEvents(in);
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

    private String groupArn(String name) {
        return "arn:aws:logs:" + region + ":" + LocalAccount.ID + ":log-group:" + name;
    }

    private ObjectNode describeGroups(JsonNode in) {
        ArrayNode list = Json.array();
        for (LogGroup group : store.groups(in.path("logGroupNamePrefix").asText(""))) {
            ObjectNode g = list.addObject().put("logGroupName", group.name()).put("creationTime", group.creationTime())
                    .put("metricFilterCount", 0).put("arn", groupArn(group.name()) + ":*").put("storedBytes", 0)
                    .put("logGroupClass", "STANDARD").put("logGroupArn", groupArn(group.name()));
            if (group.retentionInDays() != null) {
                g.put("retentionInDays", group.retentionInDays());
            }
        }
        return (ObjectNode) Json.object().set("logGroups", list);
    }

    private ObjectNode describeStreams(JsonNode in) {
        String group = groupName(in);
        String prefix = in.path("logStreamNamePrefix").asText("");
        List<LogStream> streams = new ArrayList<>(store.streams(group).stream().filter(s -> s.name().startsWith(prefix)).toList());
        if (in.path("orderBy").asText("LogStreamName").equals("LastEventTime")) {
            streams.sort(Comparator.comparingLong(s -> s.lastEventTimestamp() == null ? 0 : s.lastEventTimestamp()));
        }
        if (in.path("descending").asBoolean(false)) {
            java.util.Collections.reverse(streams);
        }
        ArrayNode list = Json.array();
        for (LogStream stream : streams) {
            ObjectNode s = list.addObject().put("logStreamName", stream.name()).put("creationTime", stream.creationTime());
            if (stream.lastIngestionTime() != null) {
                s.put("firstEventTimestamp", stream.firstEventTimestamp()).put("lastEventTimestamp", stream.lastEventTimestamp())
                        .put("lastIngestionTime", stream.lastIngestionTime());
            }
            s.put("uploadSequenceToken", stream.uploadSequenceToken())
                    .put("arn", groupArn(group) + ":log-stream:" + stream.name()).put("storedBytes", 0);
        }
        return (ObjectNode) Json.object().set("logStreams", list);
    }

    private ObjectNode putEvents(JsonNode in) {
        List<LogsStore.InputEvent> events = new ArrayList<>();
        for (JsonNode e : in.path("logEvents")) {
            events.add(new LogsStore.InputEvent(e.path("timestamp").asLong(), e.path("message").asText()));
        }
        LogStream stream = store.put(groupName(in), in.path("logStreamName").asText(), events);
        return Json.object().put("nextSequenceToken", stream.uploadSequenceToken());
    }

    private ObjectNode getEvents(JsonNode in) {
        long start = in.path("startTime").asLong(Long.MIN_VALUE);
        long end = in.path("endTime").asLong(Long.MAX_VALUE);
        int limit = in.path("limit").asInt(10_000);
        List<LogEvent> all = store.events(groupName(in), in.path("logStreamName").asText());
        ArrayNode events = Json.array();
        for (LogEvent e : all) {
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
        String group = groupName(in);
        long start = in.path("startTime").asLong(Long.MIN_VALUE);
        long end = in.path("endTime").asLong(Long.MAX_VALUE);
        String pattern = in.path("filterPattern").asText("").replace("\"", "").trim();
        Set<String> names = new HashSet<>();
        in.path("logStreamNames").forEach(n -> names.add(n.asText()));
        String prefix = in.path("logStreamNamePrefix").asText("");
        List<ObjectNode> found = new ArrayList<>();
        for (Map.Entry<String, List<LogEvent>> stream : store.events(group,
                name -> (names.isEmpty() || names.contains(name)) && name.startsWith(prefix)).entrySet()) {
            for (LogEvent e : stream.getValue()) {
                if (e.timestamp() >= start && e.timestamp() <= end && (pattern.isEmpty() || e.message().contains(pattern))) {
                    found.add(Json.object().put("logStreamName", stream.getKey()).put("timestamp", e.timestamp())
                            .put("message", e.message()).put("ingestionTime", e.ingestionTime())
                            .put("eventId", e.eventId(group, stream.getKey())));
                }
            }
        }
        found.sort(Comparator.comparingLong(e -> e.get("timestamp").asLong()));
        ArrayNode events = Json.array();
        found.stream().limit(in.path("limit").asInt(10_000)).forEach(events::add);
        ObjectNode out = Json.object();
        out.set("events", events);
        out.putArray("searchedLogStreams");
        return out;
    }
}
