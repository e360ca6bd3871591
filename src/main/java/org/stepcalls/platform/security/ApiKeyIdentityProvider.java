package org.stepcalls.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.security.ApiKeyAuthenticationMechanism.ApiKeyRequest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Finds the account an API key acts as. Keys are kept only as SHA-256 hashes (a key is 32 random
 * bytes, so a fast hash is enough); revoked keys are refused. The account's roles are the ones it
 * had at its last sign-in, so a key never has more than its person has; an account never signed
 * in, or erased, cannot be acted as.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final AgroalDataSource dataSource;

    ApiKeyIdentityProvider(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> identify(request));
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecurityIdentity identify(ApiKeyRequest request) {
        if (request.key.isEmpty() || request.key.length() > 200) {
            throw new AuthenticationFailedException("API key not accepted");
        }
        try (Connection connection = dataSource.getConnection()) {
            long keyId;
            Long boundAccount;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, account_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
                select.setBytes(1, hash(request.key));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AuthenticationFailedException("API key not accepted");
                    }
                    keyId = row.getLong(1);
                    boundAccount = row.getObject(2, Long.class);
                }
            }
            SecurityIdentity identity = actingAs(connection, keyId, boundAccount, request.username);
            try (PreparedStatement used = connection.prepareStatement(
                    "UPDATE api_keys SET last_used_at = now() WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")) {
                used.setLong(1, keyId);
                used.executeUpdate();
            }
            return identity;
        } catch (SQLException e) {
            throw new AuthenticationFailedException("API key could not be checked", e);
        }
    }

    private static SecurityIdentity actingAs(Connection connection, long keyId, Long boundAccount, String username)
            throws SQLException {
        String sql = boundAccount != null
                ? "SELECT id, username, roles FROM accounts WHERE id = ? AND issuer <> 'erased'"
                : "SELECT id, username, roles FROM accounts WHERE lower(username) = ? AND issuer <> 'erased'";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (boundAccount != null) {
                select.setLong(1, boundAccount);
            } else if (username == null || username.isEmpty()) {
                throw new AuthenticationFailedException("An API key for all users needs Api-Username");
            } else {
                select.setString(1, username.toLowerCase(Locale.ROOT));
            }
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new AuthenticationFailedException("No such user");
                }
                String actual = row.getString(2);
                if (boundAccount != null && username != null && !username.isEmpty() && !actual.equalsIgnoreCase(username)) {
                    throw new AuthenticationFailedException("This API key acts only as its own user");
                }
                QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                        .setPrincipal(new ApiKeyPrincipal(row.getLong(1), actual, keyId));
                Arrays.stream((String[]) row.getArray(3).getArray()).forEach(identity::addRole);
                return identity.build();
            }
        }
    }
}
