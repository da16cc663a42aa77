package io.javeze.local.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RouteSelectorTest {

    private static HttpApiView.Route route(String key) {
        return new HttpApiView.Route(key, key, "integrations/i", "NONE", null);
    }

    private static final List<HttpApiView.Route> ROUTES = List.of(
            route("$default"),
            route("ANY /{proxy+}"),
            route("GET /pets/{proxy+}"),
            route("GET /pets/{id}"),
            route("ANY /pets/dog/1"),
            route("GET /pets/dog/1"),
            route("GET /pets/dog/{id}"),
            route("POST /pets"),
            route("GET /users/{userId}/orders/{orderId}"));

    private static String select(String method, String path) {
        return RouteSelector.select(ROUTES, method, path).map(m -> m.route().routeKey()).orElse("none");
    }

    @Test
    void anExactPathAndMethodWinsOverEveryVariableRoute() {
        assertThat(select("GET", "/pets/dog/1")).isEqualTo("GET /pets/dog/1");
    }

    @Test
    void anyMethodMatchesWhenTheExactMethodHasNoRoute() {
        assertThat(select("DELETE", "/pets/dog/1")).isEqualTo("ANY /pets/dog/1");
    }

    @Test
    void aPathVariableWinsOverAGreedyVariable() {
        assertThat(select("GET", "/pets/dog/2")).isEqualTo("GET /pets/dog/{id}");
        assertThat(select("GET", "/pets/cat")).isEqualTo("GET /pets/{id}");
    }

    @Test
    void theLongestLiteralPrefixGreedyRouteWins() {
        assertThat(select("GET", "/pets/cat/1/toys")).isEqualTo("GET /pets/{proxy+}");
        assertThat(select("PUT", "/pets/cat")).isEqualTo("ANY /{proxy+}");
    }

    @Test
    void theDefaultRouteCatchesWhatNothingElseMatches() {
        assertThat(select("GET", "/")).isEqualTo("$default");
        List<HttpApiView.Route> withoutDefault = ROUTES.subList(1, ROUTES.size());
        assertThat(RouteSelector.select(withoutDefault, "GET", "/")).isEmpty();
        assertThat(RouteSelector.select(List.of(route("POST /pets")), "GET", "/pets")).isEmpty();
    }

    @Test
    void pathParametersAreExtractedAndDecoded() {
        Optional<RouteSelector.Match> match = RouteSelector.select(ROUTES, "GET", "/users/a%20b/orders/x+y");
        assertThat(match).get().extracting(RouteSelector.Match::pathParameters)
                .isEqualTo(Map.of("userId", "a b", "orderId", "x+y"));
        assertThat(RouteSelector.select(ROUTES, "GET", "/pets/a/b/c").get().pathParameters())
                .isEqualTo(Map.of("proxy", "a/b/c"));
    }
}
