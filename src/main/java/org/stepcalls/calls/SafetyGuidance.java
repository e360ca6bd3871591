package org.stepcalls.calls;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The safety wording as this helpline configures it: the emergency numbers of R18
 * ({@code STEPCALLS_EMERGENCY_NUMBERS}) and the prefix that withholds the helpliner's number on a
 * callback (R14, {@code STEPCALLS_WITHHOLD_PREFIX}; empty where the network has none).
 */
@ApplicationScoped
public class SafetyGuidance {

    private final String emergencyNumbers;
    private final String withholdPrefix;

    SafetyGuidance(@ConfigProperty(name = "stepcalls.emergency-numbers") String emergencyNumbers,
            @ConfigProperty(name = "stepcalls.withhold-prefix") Optional<String> withholdPrefix) {
        this.emergencyNumbers = emergencyNumbers.strip();
        this.withholdPrefix = withholdPrefix.map(String::strip).orElse("");
    }

    public String emergency() {
        return CallGuidance.emergency(emergencyNumbers);
    }

    public String withholdNumber() {
        return CallGuidance.withholdNumber(withholdPrefix);
    }

    public String withholdPrefix() {
        return withholdPrefix;
    }
}
