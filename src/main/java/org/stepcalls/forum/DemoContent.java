package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: a few topics and replies by fictional people, written through the same service
 * as real posts (so they are redacted and rendered like everything else). Runs once per database.
 */
@IfBuildProfile("dev")
public class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class);
    private static final String DEMO_ISSUER = "stepcalls-demo";

    private record Person(String name, Role role) {
    }

    private static final Person MAGGIE = new Person("Maggie (coordinator)", Role.COORDINATOR);
    private static final Person SAM = new Person("Sam", Role.MEMBER);
    private static final Person PRIYA = new Person("Priya (helpliner)", Role.HELPLINER);
    private static final Person JOE = new Person("Joe", Role.MEMBER);

    @Transactional
    void seed(@Observes StartupEvent event, ForumService forum, EntityManager entityManager) {
        if (Topic.count() > 0) {
            return;
        }
        long welcome = topic(forum, entityManager, MAGGIE, "announcements", "Welcome to Stepcalls",
                "This is where the helpline's volunteers talk.\n\n* **General** is open to every member\n"
                        + "* **Helpliners** is for volunteers on the phones\n"
                        + "* **12th Step Calls** holds one topic per call\n\n"
                        + "Phone numbers and e-mail addresses are removed from posts automatically.");
        forum.setPinned(viewer(entityManager, MAGGIE), welcome, true);
        long meeting = topic(forum, entityManager, SAM, "general", "New Tuesday meeting in Leeds",
                "We start a new meeting on Tuesdays at 19:30, in the room behind the library. 12 chairs, tea provided.");
        reply(forum, entityManager, JOE, meeting, "Great news, I'll bring biscuits.");
        reply(forum, entityManager, PRIYA, meeting, "I'll add it to the meeting list for the helpline.");
        long rota = topic(forum, entityManager, PRIYA, "helpliners", "Cover for Friday evening shift",
                "Can anyone take 18:00–21:00 on Friday? I can swap for a Sunday.");
        reply(forum, entityManager, MAGGIE, rota, "I'll cover it, thanks for asking early.");
        topic(forum, entityManager, JOE, "general", "Service conference in March",
                "Does anyone want to share a lift to the regional service conference?");
        LOG.info("Dev demo content written: 4 topics by fictional people");
    }

    private static long topic(ForumService forum, EntityManager em, Person author, String category, String title, String body) {
        return forum.createTopic(viewer(em, author), category, title, body).id();
    }

    private static void reply(ForumService forum, EntityManager em, Person author, long topic, String body) {
        forum.reply(viewer(em, author), topic, body);
    }

    private static Viewer viewer(EntityManager em, Person person) {
        List<Account> found = Account.list("issuer = ?1 and subject = ?2", DEMO_ISSUER, person.name());
        Account account;
        if (found.isEmpty()) {
            account = new Account();
            account.issuer = DEMO_ISSUER;
            account.subject = person.name();
            account.displayName = person.name();
            account.username = person.name().split(" ")[0].toLowerCase(java.util.Locale.ROOT);
            account.createdAt = OffsetDateTime.now();
            account.persist();
            em.flush();
            // as a sign-in would record them, so that mentioning a demo person asks their roles
            em.createNativeQuery("UPDATE accounts SET roles = cast(?1 as text[]) WHERE id = ?2")
                    .setParameter(1, "{member," + person.role().claimValue() + "}").setParameter(2, account.id)
                    .executeUpdate();
        } else {
            account = found.get(0);
        }
        return Viewer.of(account.id, person.role(), Role.MEMBER);
    }
}
