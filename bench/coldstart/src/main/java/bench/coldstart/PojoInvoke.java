package bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.io.OutputStream;

/** What the Lambda Java runtime does for a {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>}. */
final class PojoInvoke {
    private PojoInvoke() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void invoke(Object handler, InputStream event, OutputStream response, Context context, ClassLoader loader) {
        PojoSerializer<APIGatewayV2HTTPEvent> in = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        PojoSerializer<APIGatewayV2HTTPResponse> out = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);
        APIGatewayV2HTTPResponse result = (APIGatewayV2HTTPResponse) ((RequestHandler) handler).handleRequest(in.fromJson(event), context);
        out.toJson(result, response);
    }
}
