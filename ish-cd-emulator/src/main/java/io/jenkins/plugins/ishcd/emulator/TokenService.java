package io.jenkins.plugins.ishcd.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the emulator's API tokens: HS256-signed JWTs with a name, valid until revoked, like
 * the tokens generated in the Ish UI. A token is accepted when it carries this emulator's signature and a
 * {@code jti} that was not revoked. The signing key is new at each start, unless it is kept in a state folder
 * ({@link #secretIn(Path)}): then tokens stay valid across restarts. Revocations last until the next start.
 * Token values are never stored or logged here.
 */
final class TokenService {

    /** The file of a state folder that holds the signing key, in Base64. */
    static final String SECRET_FILE = "token-secret";

    private final Clock clock;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** @param secret the HS256 key, at least 32 bytes, or {@code null} for a new random one */
    TokenService(Clock clock, byte[] secret) {
        this.clock = clock;
        if (secret == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot set up HS256 with a 256-bit secret", e);
        }
    }

    /**
     * @param dir a state folder; created when missing
     * @return the signing key kept in {@code dir/token-secret}, made (readable by its owner only) on first use
     * @throws IOException when the folder or file cannot be read or written
     * @throws IllegalArgumentException when the file does not hold a key
     */
    static byte[] secretIn(Path dir) throws IOException {
        Path file = dir.resolve(SECRET_FILE);
        if (Files.exists(file)) {
            try {
                byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (secret.length >= 32) {
                    return secret;
                }
            } catch (IllegalArgumentException notBase64) {
                // reported below
            }
            throw new IllegalArgumentException(file + " does not hold a signing key: delete it to have a new one made"
                    + " (tokens issued with the old one stop working)");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        OwnerOnlyFile.write(file, Base64.getEncoder().encodeToString(secret) + "\n");
        return secret;
    }

    /** @return a new signed token, valid until revoked */
    String issue(String name) {
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(jti)
                .subject(name)
                .claim("name", name)
                .issuer("ish-cd-emulator")
                .issueTime(Date.from(clock.instant()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** Revokes a token this emulator issued; other values are ignored, as revoking twice is. */
    void revoke(String token) {
        verifiedId(token).ifPresent(revoked::add);
    }

    /**
     * @param authorization the {@code Authorization} header value, or {@code null}
     * @return the name of the token when the header carries a valid {@code Bearer} token
     */
    Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return claims(authorization.substring(7).trim())
                .filter(claims -> !revoked.contains(claims.getJWTID()))
                .map(claims -> String.valueOf(claims.getClaim("name")));
    }

    /** @return whether this token, e.g. one kept from an earlier start, is accepted now */
    boolean accepts(String token) {
        return authenticate("Bearer " + token).isPresent();
    }

    private Optional<String> verifiedId(String token) {
        return claims(token).map(JWTClaimsSet::getJWTID);
    }

    private Optional<JWTClaimsSet> claims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claims.getJWTID() != null ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            // Malformed is simply "not a valid token": the answer is the same refusal.
            return Optional.empty();
        }
    }
}
