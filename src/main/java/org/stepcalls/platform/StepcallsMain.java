package org.stepcalls.platform;

import org.stepcalls.platform.database.BackupCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The jar's entry point: the database's backup and restore commands, or else the application. */
@QuarkusMain
public class StepcallsMain {

    public static void main(String... args) {
        if (BackupCommand.handles(args)) {
            System.exit(BackupCommand.run(args, System.getenv()));
        }
        Quarkus.run(args);
    }
}
