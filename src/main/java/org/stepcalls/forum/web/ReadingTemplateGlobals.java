package org.stepcalls.forum.web;

import java.util.List;

import org.stepcalls.forum.NotificationLevel;

import io.quarkus.qute.TemplateGlobal;

/** The notification levels the topic and category forms offer, most attention first. */
@TemplateGlobal
public class ReadingTemplateGlobals {

    static List<NotificationLevel> levels() {
        return List.of(NotificationLevel.values());
    }
}
