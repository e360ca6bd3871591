package org.stepcalls.platform.mail;

/**
 * One e-mail as the outbox keeps it until it is sent. {@code topicId} names the topic it is about,
 * if any, so that purging the topic takes the queued mail with it; {@code postId} the post it tells
 * of, if any, so that hiding or deleting the post withdraws it — and editing it, when the mail
 * {@code quotesPost}; {@code event} is the preference it belongs to, which its unsubscribe link turns off.
 */
public record OutgoingMail(long accountId, Long topicId, Long postId, boolean quotesPost, String event, String recipient,
        String subject, String text, String html, String unsubscribeUrl) {
}
