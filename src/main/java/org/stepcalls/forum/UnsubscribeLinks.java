package org.stepcalls.forum;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * One-click unsubscribe links that need no sign-in (RFC 8058): {@code <account>.<event>.<signature>},
 * signed with a key derived from the master key. An altered account or event, or a made-up
 * signature, is refused (403); a link that is not even of that shape is a bad request (400).
 */
@ApplicationScoped
public class UnsubscribeLinks {

    public record Unsubscribe(long accountId, EmailEvent event) {
    }

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,19})\\.([A-Za-z]{1,40})\\.([A-Za-z0-9_-]{43})");

    private final CryptoService crypto;

    UnsubscribeLinks(CryptoService crypto) {
        this.crypto = crypto;
    }

    public String token(long accountId, EmailEvent event) {
        String payload = accountId + "." + event.jsonName();
        return payload + "." + signature(payload);
    }

    public static String path(String token) {
        return "/unsubscribe/" + token;
    }

    public Unsubscribe verify(String token) {
        Matcher parts = token == null ? null : TOKEN.matcher(token);
        if (parts == null || !parts.matches()) {
            throw ApiException.invalid("invalid_link", "This unsubscribe link is incomplete: copy the whole link from the e-mail.");
        }
        String payload = parts.group(1) + "." + parts.group(2);
        boolean signed = MessageDigest.isEqual(signature(payload).getBytes(StandardCharsets.US_ASCII),
                parts.group(3).getBytes(StandardCharsets.US_ASCII));
        var event = EmailEvent.fromJsonName(parts.group(2));
        if (!signed || event.isEmpty()) {
            throw new ApiException(403, "forged_link", "This unsubscribe link was not made by this forum, or it was altered.");
        }
        return new Unsubscribe(Long.parseLong(parts.group(1)), event.get());
    }

    private String signature(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(crypto.blindIndex(payload, Purpose.UNSUBSCRIBE_LINK));
    }
}
