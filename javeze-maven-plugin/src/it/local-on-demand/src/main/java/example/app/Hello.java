package example.app;

import io.javeze.Route;

public final class Hello {
    private Hello() {}

    @Route(method = "GET", path = "/hello/{word}")
    public static String hello(String word) {
        return "Hello, " + word + "!";
    }
}
