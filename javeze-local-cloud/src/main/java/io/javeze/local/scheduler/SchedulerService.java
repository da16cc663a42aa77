package io.javeze.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.schedule.ScheduleExpression;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapedRecords;
import io.javeze.local.store.StateStore;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler (rest-json), the subset javeze's deploy uses: CreateSchedule, GetSchedule, UpdateSchedule,
 * DeleteSchedule, ListSchedules, in the {@code default} schedule group (no other group exists here). The generic
 * rest-json protocol parses the calls; schedules are {@link Schedule} records of the {@link ScheduleStore};
 * {@link ScheduleRunner} runs them.
 */
public final class SchedulerService implements Provider {
    public static final String DEFAULT_GROUP = "default";
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]{1,64}");
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    private static final int MAX_RESULTS = 100;

    private final ScheduleStore store;
    private final String region;
    private final Runnable changed;
    private final LongSupplier clock;

    /**
     * @param changed told after every change, so the runner recomputes when schedules fire
     * @param clock   the runner's clock, which stamps creation and modification (a rate counts from the last change)
     */
    public SchedulerService(StateStore store, String region, Runnable changed, LongSupplier clock) {
        this.store = new ScheduleStore(store);
        this.region = region;
        this.changed = changed;
        this.clock = clock;
    }

    @Override
    public String signingName() {
        return "scheduler";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        double now = clock.getAsLong() / 1000.0;
        ObjectNode out = switch (operation.name()) {
            case "CreateSchedule" -> create(in, now);
            case "UpdateSchedule" -> update(in, now);
            case "GetSchedule" -> ShapedRecords.write(existing(group(text(in, "GroupName")), text(in, "Name")));
            case "DeleteSchedule" -> {
                String name = text(in, "Name");
                if (!store.delete(group(text(in, "GroupName")), name)) {
                    throw notFound(name);
                }
                yield Json.object();
            }
            case "ListSchedules" -> list(in);
            default -> throw AwsException.validation("The local cloud does not implement Scheduler " + operation.name());
        };
        if (!operation.name().startsWith("Get") && !operation.name().startsWith("List")) {
            changed.run();
        }
        return out;
    }

    /** Every schedule, for the runner, by {@code group/name}. */
    public SortedMap<String, Schedule> snapshot() {
        return store.all();
    }

    private ObjectNode create(ObjectNode in, double now) {
        Schedule s = schedule(in, now, now);
        if (!store.create(s)) {
            throw new AwsException(409, "ConflictException", "Schedule " + s.name() + " already exists.");
        }
        return Json.object().put("ScheduleArn", s.arn());
    }

    /** UpdateSchedule replaces every member, as on AWS; the creation date stays. */
    private ObjectNode update(ObjectNode in, double now) {
        Schedule checked = schedule(in, now, now);
        Schedule s = store.update(checked.groupName(), checked.name(), old -> schedule(in, old.creationDate(), now));
        if (s == null) {
            throw notFound(checked.name());
        }
        return Json.object().put("ScheduleArn", s.arn());
    }

    private static String text(JsonNode in, String member) {
        return in.hasNonNull(member) ? in.get(member).asText() : null;
    }

    private static String group(String requested) {
        String group = requested == null || requested.isEmpty() ? DEFAULT_GROUP : requested;
        if (!group.equals(DEFAULT_GROUP)) {
            throw new AwsException(404, "ResourceNotFoundException", "Schedule group " + group + " does not exist.");
        }
        return group;
    }

    private static AwsException notFound(String name) {
        return new AwsException(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
    }

    private Schedule existing(String group, String name) {
        Schedule s = store.get(group, name);
        if (s == null) {
            throw notFound(name);
        }
        return s;
    }

    /** The schedule a CreateSchedule or UpdateSchedule input describes, validated as AWS validates it. */
    private Schedule schedule(ObjectNode in, double created, double now) {
        Schedule given = ShapedRecords.read(in, Schedule.class);
        String name = given.name();
        if (!NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64");
        }
        String group = group(given.groupName());
        String expression = given.scheduleExpression();
        String problem = ScheduleExpression.problem(expression);
        if (problem != null) {
            throw AwsException.validation("Invalid Schedule Expression " + expression + ": " + problem);
        }
        String timezone = given.scheduleExpressionTimezone();
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw AwsException.validation("Invalid ScheduleExpressionTimezone " + timezone);
            }
        }
        String mode = given.flexibleTimeWindow().mode();
        if (!"OFF".equals(mode) && !"FLEXIBLE".equals(mode)) {
            throw AwsException.validation("FlexibleTimeWindow.Mode must be OFF or FLEXIBLE");
        }
        Schedule.Target target = given.target();
        if (target.arn() == null || target.roleArn() == null) {
            throw AwsException.validation("Target with Arn and RoleArn is required");
        }
        if (!target.roleArn().matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw AwsException.validation("Invalid RoleArn " + target.roleArn());
        }
        String state = given.state() == null ? "ENABLED" : given.state();
        if (!STATES.contains(state)) {
            throw AwsException.validation("State must be ENABLED or DISABLED");
        }
        return new Schedule("arn:aws:scheduler:" + region + ":" + LocalAccount.ID + ":schedule/" + group + "/" + name, name,
                group, expression, timezone, state, given.description(), given.startDate(), given.endDate(),
                given.kmsKeyArn(), created, now, given.flexibleTimeWindow(), target);
    }

    private ObjectNode list(ObjectNode in) {
        String group = text(in, "GroupName");
        String prefix = in.path("NamePrefix").asText("");
        String stateFilter = text(in, "State");
        int max = in.path("MaxResults").asInt(MAX_RESULTS);
        if (max < 1 || max > MAX_RESULTS) {
            throw AwsException.validation("MaxResults must be between 1 and " + MAX_RESULTS);
        }
        String after = text(in, "NextToken");
        List<Schedule> matching = new ArrayList<>();
        store.all().forEach((key, s) -> {
            if ((group == null || group.equals(s.groupName())) && s.name().startsWith(prefix)
                    && (stateFilter == null || stateFilter.equals(s.state())) && (after == null || key.compareTo(after) > 0)) {
                matching.add(s);
            }
        });
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Schedules");
        matching.subList(0, Math.min(max, matching.size())).forEach(s -> items.add(ShapedRecords.write(s)));
        if (matching.size() > max) {
            out.put("NextToken", matching.get(max - 1).key());
        }
        return out;
    }
}
