// Checks what the three plugin runs did (deploy, no-op deploy, remove), then stops the local cloud.
import io.javeze.aws.AwsClients
import io.javeze.aws.AwsTarget
import software.amazon.awssdk.services.apigatewayv2.model.GetApisRequest
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest

def cloud = System.getProperties().remove("javeze.it.cloud")
try {
    def log = new File(basedir, "build.log").text
    assert log.contains("function hello: created") : "the first run created the route's function"
    assert log.contains("GET http://") && log.contains("/prod/hello/{word}") : "the first run printed the endpoint"
    assert log.contains("function hello: unchanged") : "the second run changed nothing"
    assert log.contains("✓ create function it-app-hello (") : "the CLI's progress lines"
    assert log.contains("delete function it-app-hello") : "remove deleted the function"
    assert !(log =~ /\w+\[\w+=/) : "no record dumps like Step[key=api, ...] in the goals' output"
    def aws = new AwsClients(AwsTarget.local(cloud.endpoint(), null))
    try {
        assert aws.lambda().listFunctions(ListFunctionsRequest.builder().build()).functions().isEmpty() : "no function left"
        assert aws.apiGateway().getApis(GetApisRequest.builder().build()).items().isEmpty() : "no HTTP API left"
    } finally {
        aws.close()
    }
} finally {
    cloud.close()
}
return true
