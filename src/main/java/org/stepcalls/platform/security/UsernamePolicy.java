package org.stepcalls.platform.security;

/**
 * What may not be in a username beyond its shape: a feature that can read text for contact
 * details (the forum, with the redactor) provides one, so that sign-in never makes a username
 * that carries a phone number or an e-mail address.
 */
public interface UsernamePolicy {

    /** True when {@code candidate} shows a phone number or an e-mail address. */
    boolean showsContactDetails(String candidate);
}
