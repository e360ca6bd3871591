package org.stepcalls.volunteers;

public record AreaInput(String name, String region, Double latitude, Double longitude) {
}
