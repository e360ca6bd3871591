package org.stepcalls.forum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.privacy.RedactedText;

/**
 * {@code @username} in a post: a link to the person's profile, and one in-app notification per
 * post and person — only for someone who may read the topic, so a mention never reveals a topic.
 * Boards that are not conversation (the calls board) neither link nor notify.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Mentions {

    public static final String KIND = "mention";
    /** What follows the author's {@code @username} ({@link Notifications#forgetAuthor} looks for it). */
    static final String MENTIONED_YOU = " mentioned you in topic #";
    /** A username after '@' that is not part of an address or a word (a username's shape, see V15). */
    static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@/+-])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,18}[A-Za-z0-9_])");

    /** A mention as {@link #render} writes it (the sanitiser adds its rel after the href and writes '@' as &#64;). */
    private static final Pattern RENDERED = Pattern.compile("<a href=\"/u/([A-Za-z0-9_.-]+)\"[^>]*>(?:@|&#64;)\\1</a>",
            Pattern.CASE_INSENSITIVE);

    private final MarkdownRenderer markdown;
    private final Permissions permissions;
    private final Notifications notifications;
    private final EntityManager entityManager;

    Mentions(MarkdownRenderer markdown, Permissions permissions, Notifications notifications, EntityManager entityManager) {
        this.markdown = markdown;
        this.permissions = permissions;
        this.notifications = notifications;
        this.entityManager = entityManager;
    }

    /** Renders a post of {@code category}, with its mentions of existing people as links to their profiles. */
    public RenderedMarkdown render(RedactedText body, Category category) {
        if (!permissions.isConversation(category)) {
            return markdown.render(body);
        }
        return markdown.render(body, document -> {
            List<Text> texts = textsOutsideLinks(document);
            Map<String, String> known = existing(candidates(texts));
            if (!known.isEmpty()) {
                texts.forEach(text -> link(text, known));
            }
        });
    }

    /**
     * Notifies whoever the post mentions for the first time and may read its topic; the author is
     * never notified of their own mention. The text holds usernames and ids only.
     */
    public void notifyNewlyMentioned(Post post, Category category) {
        if (!permissions.isConversation(category) || post.isRecord()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        // the rendered mention links are the mentions: code spans and link text were left alone
        Matcher link = RENDERED.matcher(post.html());
        while (link.find()) {
            names.add(link.group(1).toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> people = entityManager.createNativeQuery("""
                SELECT a.id, a.roles FROM accounts a
                WHERE lower(a.username) = ANY(cast(?1 as text[])) AND a.id <> ?2 AND a.issuer <> 'erased'
                  AND NOT EXISTS (SELECT 1 FROM post_mentions m WHERE m.post_id = ?3 AND m.account_id = a.id)""")
                .setParameter(1, "{" + String.join(",", names) + "}").setParameter(2, post.author.id)
                .setParameter(3, post.id).getResultList();
        String author = post.author.username;
        for (Object[] person : people) {
            long accountId = ((Number) person[0]).longValue();
            if (!permissions.canRead(Viewer.withStoredRoles(accountId, (String[]) person[1]), post.topic)) {
                continue; // no record either: should they gain the role, an edit may still tell them
            }
            entityManager.createNativeQuery("INSERT INTO post_mentions (post_id, account_id) VALUES (?1, ?2)")
                    .setParameter(1, post.id).setParameter(2, accountId).executeUpdate();
            notifications.notifyOfPost(accountId, post.topic.id, KIND,
                    "@" + author + MENTIONED_YOU + post.topic.id + ", post " + post.postNumber + ".",
                    new Notifications.AboutPost(post.id, null));
        }
    }

    private static List<Text> textsOutsideLinks(Node document) {
        List<Text> texts = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                // a link's text is not a mention: it already leads somewhere
            }

            @Override
            public void visit(Text text) {
                texts.add(text);
            }
        });
        return texts;
    }

    private static Set<String> candidates(List<Text> texts) {
        Set<String> names = new LinkedHashSet<>();
        for (Text text : texts) {
            Matcher matcher = MENTION.matcher(text.getLiteral());
            while (matcher.find()) {
                names.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Lower-cased name → the username as its owner writes it, for the people who exist. */
    private Map<String, String> existing(Set<String> names) {
        Map<String, String> known = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return known;
        }
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery(
                "SELECT username FROM accounts WHERE lower(username) = ANY(cast(?1 as text[])) AND issuer <> 'erased'")
                .setParameter(1, "{" + String.join(",", names) + "}").getResultList();
        found.forEach(username -> known.put(username.toLowerCase(Locale.ROOT), username));
        return known;
    }

    /** Splits a text node around each known mention, the mention becoming a link to the profile. */
    private static void link(Text text, Map<String, String> known) {
        String literal = text.getLiteral();
        Matcher matcher = MENTION.matcher(literal);
        int from = 0;
        Node last = text;
        boolean changed = false;
        while (matcher.find()) {
            String username = known.get(matcher.group(1).toLowerCase(Locale.ROOT));
            if (username == null) {
                continue;
            }
            if (!changed) {
                text.setLiteral(literal.substring(0, matcher.start()));
                changed = true;
            } else {
                last = insertAfter(last, new Text(literal.substring(from, matcher.start())));
            }
            Link link = new Link("/u/" + username, null);
            link.appendChild(new Text("@" + username));
            last = insertAfter(last, link);
            from = matcher.end();
        }
        if (changed && from < literal.length()) {
            insertAfter(last, new Text(literal.substring(from)));
        }
    }

    private static Node insertAfter(Node anchor, Node node) {
        anchor.insertAfter(node);
        return node;
    }
}
