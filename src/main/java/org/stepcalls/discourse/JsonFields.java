package org.stepcalls.discourse;

import java.util.LinkedHashMap;

/**
 * A JSON object in Discourse's own field order. Discourse's shapes are wide (a post has some fifty
 * fields, most of them constant here), so they are written field by field rather than as records.
 */
public final class JsonFields extends LinkedHashMap<String, Object> {

    public JsonFields with(String name, Object value) {
        put(name, value);
        return this;
    }

    public static JsonFields of(String name, Object value) {
        return new JsonFields().with(name, value);
    }
}
