package org.stepcalls.forum;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Accounts;
import org.stepcalls.platform.security.UsernamePolicy;
import org.stepcalls.platform.security.UsernameSuggester;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.Redactor;

/**
 * Usernames: found case-insensitively, changed once by their owner, and never carrying a phone
 * number or an e-mail address (the redactor reads them, as it reads posts).
 */
@ApplicationScoped
@Transactional
public class Usernames implements UsernamePolicy {

    public static final String INVALID = "invalid_username";
    public static final String TAKEN = "username_taken";
    public static final String ALREADY_CHANGED = "username_already_changed";

    private final Redactor redactor;
    private final Accounts accounts;

    Usernames(Redactor redactor, Accounts accounts) {
        this.redactor = redactor;
        this.accounts = accounts;
    }

    @Override
    public boolean showsContactDetails(String candidate) {
        // the redactor reads words: '_' and '.' between parts are how a username writes a space
        return redactor.showsContactDetails(candidate) || redactor.showsContactDetails(candidate.replace('_', ' '));
    }

    /** The account holding {@code username}, whatever its case; null when nobody does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Account find(String username) {
        if (username == null || !UsernameSuggester.wellFormed(username)) {
            return null;
        }
        return Account.find("lower(username) = ?1 and issuer <> 'erased'", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** The owner's one change of their username. */
    public String change(Viewer viewer, String wanted) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        String username = wanted == null ? "" : wanted.strip();
        if (!UsernameSuggester.wellFormed(username)) {
            throw ApiException.invalidField("username", INVALID, "A username is 3 to 20 letters (a–z), digits, '_', '.' "
                    + "or '-', starts and ends with a letter, digit or '_', and has at most "
                    + UsernameSuggester.MAX_DIGITS + " digits; names starting with '" + UsernameSuggester.ERASED_PREFIX
                    + "' are kept for erased accounts.");
        }
        if (showsContactDetails(username)) {
            throw ApiException.invalidField("username", ForumService.CONTACT_DETAILS,
                    "A username may not hold a phone number or an e-mail address.");
        }
        Account account = Account.findById(viewer.accountId());
        if (account.username.equals(username)) {
            return username;
        }
        if (account.usernameChanged) {
            throw ApiException.conflict(ALREADY_CHANGED, "You have already changed your username once; it stays "
                    + account.username + ".");
        }
        Account holder = Account.find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
        if (holder != null && !holder.id.equals(account.id)) {
            throw ApiException.conflict(TAKEN, "Someone already has the username " + username + "; choose another.");
        }
        account.username = username;
        account.usernameChanged = true;
        accounts.forgetOnCommit(account.id); // the owner's next page shows the new name at once
        return username;
    }
}
