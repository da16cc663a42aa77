package example.orders;

/** An order as the API reads and writes it. */
public record Order(String id, String customer, int total) {}
