package org.stepcalls.platform.web;

import io.quarkus.qute.TemplateExtension;

/** Lets a template compare an id with a form's text value: {@code form.get('areaId') == a.id.asText}. */
@TemplateExtension
public class ValueExtensions {

    static String asText(Long value) {
        return value == null ? "" : value.toString();
    }

    /** A select option naming what kind of thing the id is: {@code v.id.asOption('v')} gives {@code v:42}. */
    static String asOption(Long value, String prefix) {
        return prefix + ":" + asText(value);
    }
}
