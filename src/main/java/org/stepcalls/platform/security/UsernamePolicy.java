package org.stepcalls.platform.security;

/**
 * What may not be in a username beyond its shape, nor in a shown name: a feature that can read
 * text for contact details (the forum, with the redactor) provides one, so that sign-in never
 * makes a username, nor shows a name from the identity provider, that carries a phone number or
 * an e-mail address.
 */
public interface UsernamePolicy {

    /** True when {@code candidate} shows a phone number or an e-mail address. */
    boolean showsContactDetails(String candidate);
}
