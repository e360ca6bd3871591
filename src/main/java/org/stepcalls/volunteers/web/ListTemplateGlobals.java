package org.stepcalls.volunteers.web;

import java.util.Arrays;
import java.util.List;

import org.stepcalls.volunteers.Sex;

import io.quarkus.qute.TemplateGlobal;

/** Choices the list's forms offer, reachable from every template. */
@TemplateGlobal
public class ListTemplateGlobals {

    static List<String> sexes() {
        return Arrays.stream(Sex.values()).map(Sex::code).toList();
    }
}
