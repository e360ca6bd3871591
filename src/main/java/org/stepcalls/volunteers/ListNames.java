package org.stepcalls.volunteers;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.Redactor;

/**
 * The list's free text — first names, meeting names and contact names, area names and regions —
 * is shown beside the numbers or to every member, so it goes through the redactor too (R4, R16).
 * A name is refused rather than stored as "[number removed]": the coordinator sees which field
 * held a number or an address and puts it where numbers belong, encrypted.
 */
@ApplicationScoped
public class ListNames {

    private final Redactor redactor;

    ListNames(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A 400 naming {@code field} when {@code value} holds a phone number or an e-mail address. */
    public void requireNoContactDetails(String field, String label, String value) {
        if (holdsContactDetails(value)) {
            throw ApiException.invalidField(field, "The " + label
                    + " holds a phone number or an e-mail address; names cannot carry them (numbers go in the number field).");
        }
    }

    public boolean holdsContactDetails(String value) {
        return value != null && redactor.holdsContactDetails(value);
    }
}
