package org.stepcalls.platform.security;

import java.security.Principal;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The address e-mails go to: the token's {@code email} claim, unless the provider says it is not
 * verified. Anything that is not plainly one address (spaces, line breaks, several {@code @}) is
 * ignored rather than handed to SMTP.
 */
final class EmailClaim {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]{1,189}\\.[^\\s@<>,;\"]{1,63}");

    private EmailClaim() {
    }

    static String of(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return null;
        }
        Object verified = token.getClaim("email_verified");
        if (verified != null && "false".equals(verified.toString())) {
            return null;
        }
        Object email = token.getClaim("email");
        if (email == null) {
            return null;
        }
        String address = (email instanceof jakarta.json.JsonString json ? json.getString() : email.toString()).strip();
        return address.length() <= 254 && ADDRESS.matcher(address).matches() ? address : null;
    }
}
