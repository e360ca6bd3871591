package org.stepcalls.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks resources an API key never reaches, whoever it acts as: an admin creates every key and sees
 * it once, and a key for all users may name any helpliner, so what holds volunteers' numbers, a
 * member's own data and settings, new keys, or a helpliner's case records would be the admin's to read
 * or write as anyone. Those who may, sign in.
 * {@link ApiKeysStopHere} answers 403.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface SignedInOnly {
}
