package org.stepcalls.platform.web;

/** The JSON shape of every error (API.md). */
public record ErrorBody(String error, String message) {
}
