package io.jenkins.plugins.ishcd.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and checks the emulator's API tokens: HS256-signed JWTs with a name, valid until revoked, like
 * the tokens generated in the Ish UI. A token is accepted only when its signature is this emulator's, its
 * {@code jti} was issued here and it was not revoked. Token values are never stored or logged.
 */
final class TokenService {

    private final byte[] secret = new byte[32];
    private final Clock clock;
    private final MACSigner signer;
    private final MACVerifier verifier;
    /** Token ID ({@code jti}) to the name it was issued with. */
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    TokenService(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot set up HS256 with a 256-bit secret", e);
        }
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
        issued.put(jti, name);
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
        return verifiedId(authorization.substring(7).trim())
                .filter(jti -> !revoked.contains(jti))
                .map(issued::get);
    }

    private Optional<String> verifiedId(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            String jti = jwt.getJWTClaimsSet().getJWTID();
            return jti != null && issued.containsKey(jti) ? Optional.of(jti) : Optional.empty();
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            // Malformed is simply "not a valid token": the answer is the same refusal.
            return Optional.empty();
        }
    }
}
