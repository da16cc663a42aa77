package io.javeze.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/** The follower over real FilterLogEvents calls to the local cloud: each event once, poll after poll, groups interleaved by time. */
class LogFollowerTest {

    @Test
    void eachEventIsReturnedOnceAcrossPollsEvenIdenticalOnesAndGroupsInterleaveByTime(@TempDir Path tmp) {
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), AwsTarget.LOCAL_REGION))) {
            long t = System.currentTimeMillis();
            put(aws, "/aws/lambda/svc-a", new long[] {t, t, t + 20}, "same", "same", "a later");
            put(aws, "/aws/lambda/svc-b", new long[] {t + 10}, "b between");
            List<LogFollower.Source> sources = List.of(new LogFollower.Source("/aws/lambda/svc-a", "a"),
                    new LogFollower.Source("/aws/lambda/svc-b", "b"), new LogFollower.Source("/aws/lambda/svc-none", "none"));
            LogFollower follower = new LogFollower(aws.logs(), t - 1_000);

            assertThat(follower.poll(sources)).extracting(l -> l.label() + ":" + l.message())
                    .containsExactly("a:same", "a:same", "b:b between", "a:a later");
            assertThat(follower.poll(sources)).as("nothing new").isEmpty();

            put(aws, "/aws/lambda/svc-a", new long[] {t, t + 30}, "same", "newest");
            assertThat(follower.poll(sources)).extracting(LogFollower.Line::message)
                    .as("a third identical line at the same time is new; the two before are not").containsExactly("same", "newest");
        }
    }

    private static void put(AwsClients aws, String group, long[] times, String... messages) {
        try {
            aws.logs().createLogGroup(r -> r.logGroupName(group));
        } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException exists) {
            // the second batch
        }
        try {
            aws.logs().createLogStream(r -> r.logGroupName(group).logStreamName("2026/01/01/[1]abc"));
        } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException exists) {
            // the second batch
        }
        List<InputLogEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            events.add(InputLogEvent.builder().timestamp(times[i]).message(messages[i]).build());
        }
        aws.logs().putLogEvents(r -> r.logGroupName(group).logStreamName("2026/01/01/[1]abc").logEvents(events));
    }
}
