package example.hello.javeze;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.javeze.Topics;
import io.javeze.runtime.HttpCall;
import javax.annotation.processing.Generated;

/**
 * The bench's peer: hello-world's handler exactly as javeze-processor generated it before the lean stream handlers
 * (commit 5cd01a8), a RequestHandler over aws-lambda-java-events. run.sh compiles it against that commit's
 * javeze-runtime, built from a read-only copy of /work/main's sources.
 */
@Generated("io.javeze.processor.JavezeProcessor")
public final class HelloFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public HelloFunction() {
        Topics.declare("hello");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpCall call = new HttpCall(event, context);
        try {
            String word = call.path("word");
            return call.text(example.hello.Hello.hello(word));
        } catch (Exception e) {
            return call.failure(e);
        }
    }
}
