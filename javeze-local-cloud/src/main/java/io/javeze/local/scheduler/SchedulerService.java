package io.javeze.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.schedule.ScheduleExpression;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler (rest-json), the subset javeze's deploy uses: CreateSchedule, GetSchedule, UpdateSchedule,
 * DeleteSchedule, ListSchedules, in the {@code default} schedule group (no other group exists here). Schedules are
 * records of the state store's {@code scheduler} document; {@link ScheduleRunner} runs them.
 */
public final class SchedulerService implements AwsService {
    public static final String DEFAULT_GROUP = "default";
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    private static final int MAX_RESULTS = 100;

    private final StateStore store;
    private final ObjectNode state;
    private final String region;
    private final Runnable changed;
    private final java.util.function.LongSupplier clock;

    /**
     * @param changed told after every change, so the runner recomputes when schedules fire
     * @param clock   the runner's clock, which stamps creation and modification (a rate counts from the last change)
     */
    public SchedulerService(StateStore store, String region, Runnable changed, java.util.function.LongSupplier clock) {
        this.store = store;
        this.region = region;
        this.changed = changed;
        this.clock = clock;
        this.state = store.load("scheduler");
        if (!state.has("schedules")) state.putObject("schedules");
    }

    @Override
    public String signingName() {
        return "scheduler";
    }

    private ObjectNode schedules() {
        return (ObjectNode) state.get("schedules");
    }

    private void save() {
        store.save("scheduler", state);
    }

    /**
     * The runner's clock is read, and the runner told of a change, outside this service's lock: the runner holds its
     * own lock while it reads {@link #snapshot}, so the locks are only ever taken runner first.
     */
    @Override
    public AwsResponse handle(AwsCall call) {
        double now = clock.getAsLong() / 1000.0;
        AwsResponse response;
        synchronized (this) {
            response = operation(call, now);
        }
        if (!call.operation().startsWith("Get") && !call.operation().startsWith("List")) changed.run();
        return response;
    }

    private AwsResponse operation(AwsCall call, double now) {
        return switch (call.operation()) {
            case "CreateSchedule" -> AwsResponse.json(put(call, true, now));
            case "UpdateSchedule" -> AwsResponse.json(put(call, false, now));
            case "GetSchedule" -> AwsResponse.json(existing(call.path("Name"), group(call.query("groupName"))).deepCopy());
            case "DeleteSchedule" -> {
                String group = group(call.query("groupName"));
                existing(call.path("Name"), group);
                schedules().remove(key(group, call.path("Name")));
                save();
                yield AwsResponse.json(Json.object());
            }
            case "ListSchedules" -> AwsResponse.json(list(call));
            default -> throw new AwsException(400, "ValidationException", "The local cloud does not implement Scheduler " + call.operation());
        };
    }

    /** Every schedule, for the runner: key → a copy of the record. */
    public synchronized Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        schedules().fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().deepCopy()));
        return out;
    }

    private static String key(String group, String name) {
        return group + "/" + name;
    }

    private String group(String requested) {
        String group = requested == null || requested.isEmpty() ? DEFAULT_GROUP : requested;
        if (!group.equals(DEFAULT_GROUP)) {
            throw new AwsException(404, "ResourceNotFoundException", "Schedule group " + group + " does not exist.");
        }
        return group;
    }

    private ObjectNode existing(String name, String group) {
        JsonNode s = schedules().get(key(group, name));
        if (s == null) throw new AwsException(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        return (ObjectNode) s;
    }

    private ObjectNode put(AwsCall call, boolean create, double now) {
        String name = call.path("Name");
        if (!NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64");
        }
        JsonNode in = call.json();
        String group = group(in.path("GroupName").asText(null));
        ObjectNode previous = (ObjectNode) schedules().get(key(group, name));
        if (create && previous != null) throw new AwsException(409, "ConflictException", "Schedule " + name + " already exists.");
        if (!create && previous == null) throw new AwsException(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        String expression = required(in, "ScheduleExpression");
        String problem = ScheduleExpression.problem(expression);
        if (problem != null) throw AwsException.validation("Invalid Schedule Expression " + expression + ": " + problem);
        String timezone = in.path("ScheduleExpressionTimezone").asText(null);
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw AwsException.validation("Invalid ScheduleExpressionTimezone " + timezone);
            }
        }
        JsonNode window = in.path("FlexibleTimeWindow");
        String mode = window.path("Mode").asText("");
        if (!mode.equals("OFF") && !mode.equals("FLEXIBLE")) {
            throw AwsException.validation("FlexibleTimeWindow.Mode must be OFF or FLEXIBLE");
        }
        JsonNode target = in.path("Target");
        if (!target.isObject() || !target.path("Arn").isTextual() || !target.path("RoleArn").isTextual()) {
            throw AwsException.validation("Target with Arn and RoleArn is required");
        }
        if (!target.path("RoleArn").asText().matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw AwsException.validation("Invalid RoleArn " + target.path("RoleArn").asText());
        }
        String stateName = in.path("State").asText("ENABLED");
        if (!STATES.contains(stateName)) throw AwsException.validation("State must be ENABLED or DISABLED");
        ObjectNode s = Json.object();
        s.put("Arn", "arn:aws:scheduler:" + region + ":" + LocalAccount.ID + ":schedule/" + group + "/" + name)
                .put("Name", name).put("GroupName", group).put("ScheduleExpression", expression).put("State", stateName)
                .put("CreationDate", previous == null ? now : previous.path("CreationDate").asDouble(now)).put("LastModificationDate", now);
        if (timezone != null) s.put("ScheduleExpressionTimezone", timezone);
        for (String optional : List.of("Description", "StartDate", "EndDate", "KmsKeyArn")) {
            if (in.hasNonNull(optional)) s.set(optional, in.get(optional).deepCopy());
        }
        s.set("FlexibleTimeWindow", window.deepCopy());
        s.set("Target", target.deepCopy());
        schedules().set(key(group, name), s);
        save();
        return Json.object().put("ScheduleArn", s.get("Arn").asText());
    }

    private static String required(JsonNode in, String field) {
        if (!in.path(field).isTextual() || in.path(field).asText().isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return in.path(field).asText();
    }

    private ObjectNode list(AwsCall call) {
        String group = call.query("ScheduleGroup");
        String prefix = call.query("NamePrefix") == null ? "" : call.query("NamePrefix");
        String stateFilter = call.query("State");
        int max = call.query("MaxResults") == null ? MAX_RESULTS : Integer.parseInt(call.query("MaxResults"));
        if (max < 1 || max > MAX_RESULTS) throw AwsException.validation("MaxResults must be between 1 and " + MAX_RESULTS);
        String after = call.query("NextToken");
        List<JsonNode> matching = new ArrayList<>();
        schedules().fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if ((group == null || group.equals(s.get("GroupName").asText())) && s.get("Name").asText().startsWith(prefix)
                    && (stateFilter == null || stateFilter.equals(s.get("State").asText()))
                    && (after == null || e.getKey().compareTo(after) > 0)) {
                matching.add(s);
            }
        });
        matching.sort(java.util.Comparator.comparing(s -> key(s.get("GroupName").asText(), s.get("Name").asText())));
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Schedules");
        for (JsonNode s : matching.subList(0, Math.min(max, matching.size()))) {
            ObjectNode summary = items.addObject();
            for (String f : List.of("Arn", "Name", "GroupName", "State", "CreationDate", "LastModificationDate")) summary.set(f, s.get(f));
            summary.putObject("Target").put("Arn", s.path("Target").path("Arn").asText());
        }
        if (matching.size() > max) {
            JsonNode last = matching.get(max - 1);
            out.put("NextToken", key(last.get("GroupName").asText(), last.get("Name").asText()));
        }
        return out;
    }
}
