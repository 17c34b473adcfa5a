package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private final TokenService tokens = new TokenService(Clock.systemUTC(), null);

    @Test
    void issuedTokenAuthenticatesAsItsName() {
        String token = tokens.issue("chatbot integration");

        assertThat(tokens.authenticate("Bearer " + token)).hasValue("chatbot integration");
        assertThat(tokens.authenticate("bearer " + token)).as("the scheme is case-insensitive").hasValue("chatbot integration");
    }

    @Test
    void revokedTokenNoLongerAuthenticates() {
        String token = tokens.issue("old");
        tokens.revoke(token);
        tokens.revoke("not a token");

        assertThat(tokens.authenticate("Bearer " + token)).isEmpty();
    }

    @Test
    void missingMalformedAndForeignTokensDoNotAuthenticate() {
        String foreign = new TokenService(Clock.systemUTC(), null).issue("elsewhere");
        String token = tokens.issue("here");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("Bearer")).isEmpty();
        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate("Basic " + token)).isEmpty();
        assertThat(tokens.authenticate("Bearer garbage")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + foreign)).isEmpty();
        assertThat(tokens.authenticate("Bearer " + tampered)).isEmpty();
    }
}
