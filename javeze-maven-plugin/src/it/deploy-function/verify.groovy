// Checks the remote function against the POM's <configuration> and the -D override, then stops the local cloud.
import io.javeze.aws.AwsClients
import io.javeze.aws.AwsTarget
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest
import software.amazon.awssdk.services.lambda.model.ListTagsRequest
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest

def cloud = System.getProperties().remove("javeze.it.cloud")
try {
    def aws = new AwsClients(AwsTarget.local(cloud.endpoint(), null))
    try {
        def c = aws.lambda().getFunctionConfiguration(GetFunctionConfigurationRequest.builder().functionName("it-hello").build())
        assert c.memorySize() == 256 : "the second run had no -Djaveze.memory: back to the POM's <memory>"
        assert c.timeout() == 60 : "-Djaveze.timeout overrides <timeout>"
        assert c.handler() == "example.Hello::handleRequest" : "handler found by scanning the classes"
        assert c.runtimeAsString() == "java21"
        assert c.tracingConfig().modeAsString() == "Active"
        assert c.environment().variables() == [GREETING: "hello from the pom"]
        assert aws.lambda().listTags(ListTagsRequest.builder().resource(c.functionArn()).build()).tags().get("team") == "web"
        def groups = aws.logs().describeLogGroups(DescribeLogGroupsRequest.builder().logGroupNamePrefix("/aws/lambda/it-hello").build()).logGroups()
        assert groups.size() == 1 && groups[0].retentionInDays() == 7
        def log = new File(basedir, "build.log").text
        assert log.contains('"action" : "created"') : "the first run printed JSON (-Djaveze.output=json)"
        assert log.contains("update configuration: memory 1024 -> 256 MB, timeout 77 -> 60 s") : "the second run changed just those; the first took <javeze.timeout>77 from the POM's properties"
        assert log.contains("unknown property javeze.memmory (-D); did you mean javeze.memory?") : "the third run refused the typo"
    } finally {
        aws.close()
    }
} finally {
    cloud.close()
}
return true
