package io.javeze.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestStreamTest {

    @Test
    void theFunctionOfARequestLineIsFoundInEitherIntegrationUriForm() {
        assertThat(RequestStream.functionName("arn:aws:lambda:us-east-1:000000000000:function:app-hello:prod")).isEqualTo("app-hello");
        assertThat(RequestStream.functionName("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:000000000000:function:app-hello/invocations")).isEqualTo("app-hello");
        assertThat(RequestStream.functionName("")).isNull();
    }
}
