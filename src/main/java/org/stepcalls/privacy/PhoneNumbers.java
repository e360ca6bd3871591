package org.stepcalls.privacy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Entered phone numbers: checked as <em>possible</em> numbers for the default region (the drama
 * range 07700 900xxx is possible but not "valid"), stored in E.164, shown in national format.
 */
@ApplicationScoped
public class PhoneNumbers {

    /** Shorter numbers are service codes or typing slips, not a person's phone. */
    static final int MIN_NATIONAL_DIGITS = 7;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;

    public PhoneNumbers(@ConfigProperty(name = "stepcalls.default-region", defaultValue = "GB") String region) {
        this.region = region;
    }

    /** E.164 form of the number, or empty when it is not a possible phone number. */
    public Optional<String> normalise(String entered) {
        if (entered == null || entered.isBlank() || entered.length() > 40) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = util.parse(entered, region);
            // IS_POSSIBLE, not IS_POSSIBLE_LOCAL_ONLY: a number rung from elsewhere needs its area code
            boolean ringable = util.isPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                    && String.valueOf(number.getNationalNumber()).length() >= MIN_NATIONAL_DIGITS;
            return ringable ? Optional.of(util.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * What a {@code tel:} link dials to ring this number with the caller's own number withheld (R14):
     * the withhold prefix (GB: 141) before the national number. A number abroad has no such prefix;
     * it is dialled as it is, and the page reminds the helpliner to withhold by other means.
     */
    public String withheldDial(String e164, String withholdPrefix) {
        try {
            PhoneNumber number = util.parse(e164, region);
            String home = util.getRegionCodeForNumber(number);
            if (withholdPrefix.isBlank() || (home != null && !region.equalsIgnoreCase(home))) {
                return util.format(number, PhoneNumberFormat.E164);
            }
            return withholdPrefix + util.format(number, PhoneNumberFormat.NATIONAL).replaceAll("\\D", "");
        } catch (NumberParseException e) {
            return e164.replaceAll("[^+\\d]", "");
        }
    }

    /** The region numbers are read and shown for ({@code stepcalls.default-region}). */
    public String region() {
        return region;
    }

    /** How a helpliner dials it: national format at home, international otherwise. */
    public String display(String e164) {
        try {
            PhoneNumber number = util.parse(e164, region);
            // asked once: it tries each region sharing the country code (GB: also GG, IM, JE) in turn
            String home = util.getRegionCodeForNumber(number);
            boolean local = home == null || region.equalsIgnoreCase(home);
            return util.format(number, local ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
