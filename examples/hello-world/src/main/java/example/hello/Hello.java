package example.hello;

import io.javeze.Route;

/** One route, one Lambda function: {@code GET /hello/world} answers {@code Hello, world!}. */
public final class Hello {
    private Hello() {}

    @Route(method = "GET", path = "/hello/{word}")
    public static String hello(String word) {
        return "Hello, " + word + "!";
    }
}
